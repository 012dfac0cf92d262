/** CRM report facts as stored in the day's cache: checked when read back, dropped if unreadable. */
import * as z from 'zod/mini';
import { ReportOpportunity } from './snapshot';

const Counts = z.object({ calls: z.number(), emails: z.number(), meetings: z.number() });

export const CrmReportFactsSchema = z.object({
  opportunities: z.array(ReportOpportunity),
  weekCounts: z.record(z.string(), Counts),
  todayCounts: z.nullable(z.record(z.string(), Counts)),
  lastActivityAt: z.record(z.string(), z.string()),
  touched14d: z.record(z.string(), z.array(z.string())),
  notes: z.array(z.string()),
});

export const CachedFacts = z.object({ facts: CrmReportFactsSchema, fetchedAt: z.number() });
export type CachedFacts = z.infer<typeof CachedFacts>;
