/**
 * Public surface of the matching engine. `history.ts` is deliberately not re-exported: it needs
 * `wxt/browser`, and everything here must run in plain Node (the `match` CLI).
 */
export { matchScenario } from './engine';
export { buildCrmIndex, type CrmIndex } from './crm-index';
export { ASK_MARGIN, MIN_ATTACH_SCORE } from './decide';
export { WEIGHTS } from './score';
export { normalizeEmail, normalizeDomain } from './address';
export { isAutomatedSubject, hasUnsubscribeFooter } from './skip';
export * from './schema';
