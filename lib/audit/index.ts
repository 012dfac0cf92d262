/** Public surface of the attach audit; runs in plain Node (the `audit` CLI) like lib/match. */
export { auditSnapshot, scopeOf, summarize, toOutput, windowStart } from './audit';
export type { AuditCandidate, AuditFinding, AuditReport } from './audit';
export { CLOSED_GRACE_DAYS, openAt } from './open-at';
export * from './schema';
