/**
 * Policy keys of drafting and judgement changes (issue 17): which qualification framework, which
 * drafting engine, where accepted qualification values go in each CRM, and the controlled reason
 * lists — one per kind of judgement change — with where each reason is recorded.
 */
import * as z from 'zod/mini';

const Code = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a lower-case code such as need-confirmed'));
const Label = z.string().check(z.minLength(1), z.maxLength(80));
const Coded = z.object({ code: Code, label: Label });
const ApiName = z.string().check(z.regex(/^$|^[A-Za-z][A-Za-z0-9_]{0,79}$/, 'a field API name'));
const unique = (list: { code: string }[]) => new Set(list.map((i) => i.code)).size === list.length;
const ReasonList = z
  .array(Coded)
  .check(z.minLength(1), z.maxLength(20), z.refine(unique, 'reason codes must be unique'));

export const DRAFTING_CHOICES = {
  qualificationFramework: ['MEDDIC', 'BANT'],
  draftingEngine: ['on-device', 'rules'],
} as const;

export const DEFAULT_CLOSE_DATE_REASONS = [
  { code: 'customer-timeline', label: 'Customer moved their timeline' },
  { code: 'procurement-legal', label: 'Procurement or legal takes longer' },
  { code: 'budget-cycle', label: 'Waiting for the next budget cycle' },
  { code: 'scope-change', label: 'Scope changed' },
  { code: 'pulled-in', label: 'Customer pulled the date in' },
  { code: 'data-correction', label: 'Correcting a wrong date' },
];
export const DEFAULT_FORECAST_REASONS = [
  { code: 'buyer-committed', label: 'Economic buyer committed' },
  { code: 'upside', label: 'Upside, not yet committed' },
  { code: 'new-risk', label: 'New risk identified' },
  { code: 'champion-lost', label: 'Champion left or went quiet' },
  { code: 'competitor', label: 'Competitor in play' },
  { code: 'data-correction', label: 'Correcting a wrong category' },
];
export const DEFAULT_AMOUNT_REASONS = [
  { code: 'scope-added', label: 'Seats or products added' },
  { code: 'scope-reduced', label: 'Seats or products removed' },
  { code: 'discount', label: 'Discount agreed' },
  { code: 'pricing-change', label: 'Price or term changed' },
  { code: 'currency', label: 'Currency changed' },
  { code: 'data-correction', label: 'Correcting a wrong amount' },
];

/** Qualification field (metrics, economicBuyer, … budget, …) → CRM property/field name. */
const FieldMap = z.record(z.string(), ApiName);
/** closeDate | forecastCategory | amount → CRM property/field that receives the reason code. */
const ReasonFieldMap = z.record(z.string(), ApiName);

export const draftingConfigFields = {
  qualificationFramework: [z.enum(DRAFTING_CHOICES.qualificationFramework), 'MEDDIC'],
  draftingEngine: [z.enum(DRAFTING_CHOICES.draftingEngine), 'on-device'],
  hubspotQualificationProperties: [FieldMap, {} as Record<string, string>],
  salesforceQualificationFields: [FieldMap, {} as Record<string, string>],
  closeDateReasonCodes: [ReasonList, DEFAULT_CLOSE_DATE_REASONS],
  forecastReasonCodes: [ReasonList, DEFAULT_FORECAST_REASONS],
  amountReasonCodes: [ReasonList, DEFAULT_AMOUNT_REASONS],
  hubspotJudgementReasonProperties: [ReasonFieldMap, {} as Record<string, string>],
  salesforceJudgementReasonFields: [ReasonFieldMap, {} as Record<string, string>],
} as const;

/** Entries of the maps are kept or dropped one by one when a policy value is partly invalid. */
export const DRAFTING_RECORD_RULES = {
  hubspotQualificationProperties: ApiName,
  salesforceQualificationFields: ApiName,
  hubspotJudgementReasonProperties: ApiName,
  salesforceJudgementReasonFields: ApiName,
};
