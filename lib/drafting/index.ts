export * from './contract';
export { contractDraft, draftWithRules, type RulesDraft } from './rules';
export { guessLanguage, type Language } from './language';
export { draftOnDevice, type DraftOutcome, type EngineStatus } from './on-device';
export { builtInLanguageModel, type LanguageModelApi } from './prompt-api';
