/** Messages of My day and the weekly reports (extension pages → worker). */
import * as z from 'zod/mini';
import { MyDayAnswer } from '../reports/my-day';
import { TeamReportsAnswer } from '../reports/team-view';
import type { MessageSpec } from './core';

export const reportsProtocol = {
  /** The rep's day; `refresh` reads the CRM now instead of the day's cached figures. */
  'myday.get': {
    from: ['extension-page'],
    request: z.object({ refresh: z.optional(z.boolean()) }),
    response: MyDayAnswer,
  },
  /** The weekly reports for the rep, or the team the policy names. */
  'reports.get': {
    from: ['extension-page'],
    request: z.object({ refresh: z.optional(z.boolean()) }),
    response: TeamReportsAnswer,
  },
} as const satisfies Record<string, MessageSpec>;
