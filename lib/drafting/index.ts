export * from './contract';
export { contractDraft, draftWithRules, type RulesDraft } from './rules';
export { guessLanguage, type Language } from './language';
