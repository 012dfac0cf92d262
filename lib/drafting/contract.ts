/**
 * The drafting contract (issue 17, `draft` CLI): what goes in, what comes out. Both engines
 * (rules and the on-device model) answer with the same `Draft`; the on-device answer is checked
 * against it before the panel shows anything.
 */
import * as z from 'zod/mini';
import { Interaction, Person } from '../model';

export const QUALIFICATION_FIELDS = {
  MEDDIC: ['metrics', 'economicBuyer', 'decisionCriteria', 'decisionProcess', 'identifyPain', 'champion'],
  BANT: ['budget', 'authority', 'need', 'timeline'],
} as const;

export const Framework = z.enum(['MEDDIC', 'BANT']);
export type Framework = z.infer<typeof Framework>;
export type QualificationField = (typeof QUALIFICATION_FIELDS)[Framework][number];
export const ALL_QUALIFICATION_FIELDS = [
  ...QUALIFICATION_FIELDS.MEDDIC,
  ...QUALIFICATION_FIELDS.BANT,
] as QualificationField[];

const IsoInstant = z
  .string()
  .check(z.refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO date-time such as 2026-11-20T10:00:00Z'));

export const DraftInput = z.object({
  now: IsoInstant,
  user: Person,
  settings: z.optional(z.object({ qualification: z.optional(Framework) })),
  interaction: Interaction,
  opportunity: z.optional(
    z.object({ stage: z.optional(z.string()), nextStageLabel: z.optional(z.nullable(z.string())) }),
  ),
});
export type DraftInput = z.infer<typeof DraftInput>;

export const Engine = z.enum(['rules', 'on-device']);
export type Engine = z.infer<typeof Engine>;

export const DraftNextStep = z.object({
  /** What happens next; '' when nobody committed to anything (the rep says it). */
  subject: z.string().check(z.maxLength(200)),
  dueDate: z.nullable(z.iso.date()),
  owner: z.string(),
  /** One sentence from the text on what the step unblocks, or null: never a filler. */
  unblocks: z.nullable(z.string().check(z.maxLength(300))),
});
export type DraftNextStep = z.infer<typeof DraftNextStep>;

export const QualificationSuggestion = z.object({
  field: z.enum(ALL_QUALIFICATION_FIELDS as [QualificationField, ...QualificationField[]]),
  value: z.string().check(z.minLength(1), z.maxLength(200)),
  /** The sentence the value came from, as written. */
  evidence: z.string().check(z.minLength(1), z.maxLength(400)),
});
export type QualificationSuggestion = z.infer<typeof QualificationSuggestion>;

export const Draft = z.object({
  engine: Engine,
  summary: z.array(z.string().check(z.minLength(1), z.maxLength(400))).check(z.maxLength(3)),
  nextStep: DraftNextStep,
  qualification: z.array(QualificationSuggestion),
  recordingUrl: z.nullable(z.string()),
});
export type Draft = z.infer<typeof Draft>;

export function parseDraftInput(
  json: unknown,
): { ok: true; input: DraftInput } | { ok: false; error: string } {
  const parsed = z.safeParse(DraftInput, json);
  if (parsed.success) return { ok: true, input: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
}
