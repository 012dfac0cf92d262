/** Messages the panel sends the worker about the attach audit (docs/audit.md). */
import * as z from 'zod/mini';
import { AuditView } from '../audit/view';
import { Ack, type MessageSpec } from './core';

export const auditProtocol = {
  'audit.view': { from: ['extension-page'], request: z.object({}), response: AuditView },
  /** Runs a pass now (the alarm runs one hourly and after sign-in). */
  'audit.run': { from: ['extension-page'], request: z.object({}), response: AuditView },
  /** One click: put this activity on this deal (the audit's pick or one of its candidates). */
  'audit.attach': {
    from: ['extension-page'],
    request: z.object({ activityId: z.string(), opportunityId: z.string() }),
    response: Ack,
  },
  /** Undo a recorded move: the activity goes back where it was. */
  'audit.undo': {
    from: ['extension-page'],
    request: z.object({ activityId: z.string(), opportunityId: z.string() }),
    response: Ack,
  },
} as const satisfies Record<string, MessageSpec>;
