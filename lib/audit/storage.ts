/**
 * Where the audit keeps its cursor and verdicts between runs (declared like lib/storage/items.ts).
 * Rebuilt from the CRM on the next run, so an unreadable value is discarded, not quarantined.
 */
import { storedValue } from '../storage/declare';
import { AuditState } from './state';

export const auditState = storedValue('local:audit.state', AuditState, { version: 1 }, 'discard');
