/**
 * The post-call screen's state and what it adds to a log: the drafted summary (into the body when
 * accepted), qualification suggestions (each accepted or overridden; accepted values go to the
 * CRM properties/fields the admin mapped, unmapped ones into the body), the recording link (with
 * the meeting), and judgement changes — close date, forecast category, amount — each of which
 * needs a reason from the admin's list for its kind.
 */
import type { Config } from '../config/schema';
import type { DealUpdate, JudgementKind, Provider, Target } from '../domain/types';
import type { Draft, QualificationField } from '../drafting';

export const FIELD_LABELS: Record<QualificationField, string> = {
  metrics: 'Metrics',
  economicBuyer: 'Economic buyer',
  decisionCriteria: 'Decision criteria',
  decisionProcess: 'Decision process',
  identifyPain: 'Pain',
  champion: 'Champion',
  budget: 'Budget',
  authority: 'Authority',
  need: 'Need',
  timeline: 'Timeline',
};

export interface QualificationRow {
  field: QualificationField;
  value: string;
  evidence: string;
  accepted: boolean;
}

export interface JudgementRow {
  enabled: boolean;
  value: string;
  reasonCode: string;
}

export interface PostCallForm {
  qualification: QualificationRow[];
  recordingUrl: string | null;
  judgement: Record<JudgementKind, JudgementRow>;
}

export const JUDGEMENT_KINDS: JudgementKind[] = ['closeDate', 'forecastCategory', 'amount'];

type PostCallConfig = Pick<
  Config,
  | 'closeDateReasonCodes'
  | 'forecastReasonCodes'
  | 'amountReasonCodes'
  | 'hubspotQualificationProperties'
  | 'salesforceQualificationFields'
  | 'hubspotJudgementReasonProperties'
  | 'salesforceJudgementReasonFields'
>;

export function reasonListFor(config: PostCallConfig, kind: JudgementKind) {
  return kind === 'closeDate'
    ? config.closeDateReasonCodes
    : kind === 'forecastCategory'
      ? config.forecastReasonCodes
      : config.amountReasonCodes;
}

/** The forecast categories each CRM stores (HubSpot's internal values, Salesforce's picklist). */
export const FORECAST_CATEGORIES: Record<Provider, { value: string; label: string }[]> = {
  hubspot: [
    { value: 'OMIT', label: 'Omit' },
    { value: 'PIPELINE', label: 'Pipeline' },
    { value: 'BEST_CASE', label: 'Best case' },
    { value: 'COMMIT', label: 'Commit' },
    { value: 'CLOSED', label: 'Closed won' },
  ],
  salesforce: [
    { value: 'Omitted', label: 'Omitted' },
    { value: 'Pipeline', label: 'Pipeline' },
    { value: 'Best Case', label: 'Best case' },
    { value: 'Commit', label: 'Commit' },
    { value: 'Closed', label: 'Closed' },
  ],
};

export function mappedName(config: PostCallConfig, provider: Provider, field: QualificationField): string {
  const map =
    provider === 'hubspot' ? config.hubspotQualificationProperties : config.salesforceQualificationFields;
  return map[field]?.trim() ?? '';
}

export function initialPostCall(
  draft: Draft | null,
  deal: { closeDate: string | null; amount: number | null } | null,
): PostCallForm {
  return {
    qualification: (draft?.qualification ?? []).map((q) => ({ ...q, accepted: false })),
    recordingUrl: draft?.recordingUrl ?? null,
    judgement: {
      closeDate: { enabled: false, value: deal?.closeDate ?? '', reasonCode: '' },
      forecastCategory: { enabled: false, value: '', reasonCode: '' },
      amount: {
        enabled: false,
        value: deal?.amount === null || !deal ? '' : String(deal.amount),
        reasonCode: '',
      },
    },
  };
}

/** The body with the summary on top: what "Use summary" does. */
export function withSummary(body: string, summary: string[]): string {
  if (summary.length === 0) return body;
  const head = `Summary: ${summary.join(' ')}`;
  return body.startsWith(head) ? body : [head, body].filter((part) => part.trim()).join('\n\n');
}

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

/**
 * What the post-call screen adds to the log: lines for the activity body (unmapped accepted
 * values, the recording link) and the deal update, or the problems that stop the log.
 */
export function planPostCall(input: {
  post: PostCallForm;
  body: string;
  provider: Provider;
  config: PostCallConfig;
  target: Target;
  onDeal: boolean;
  at: string;
}): { ok: true; bodyLines: string[]; update: DealUpdate | null } | { ok: false; problems: string[] } {
  const { post, provider, config, onDeal } = input;
  const problems: string[] = [];
  const bodyLines: string[] = [];
  const fields: Record<string, string> = {};
  for (const row of post.qualification) {
    if (!row.accepted || !row.value.trim()) continue;
    const name = onDeal ? mappedName(config, provider, row.field) : '';
    if (name) fields[name] = row.value.trim();
    else bodyLines.push(`${FIELD_LABELS[row.field]}: ${row.value.trim()}`);
  }
  if (post.recordingUrl && !input.body.includes(post.recordingUrl))
    bodyLines.push(`Recording: ${post.recordingUrl}`);

  const changes: DealUpdate['changes'] = [];
  const reasonFields =
    provider === 'hubspot' ? config.hubspotJudgementReasonProperties : config.salesforceJudgementReasonFields;
  for (const kind of JUDGEMENT_KINDS) {
    const row = post.judgement[kind];
    if (!row.enabled) continue;
    if (!onDeal) {
      problems.push('Only a deal has a close date, forecast category and amount to change.');
      break;
    }
    const reason = reasonListFor(config, kind).find((r) => r.code === row.reasonCode);
    const value = row.value.trim();
    if (kind === 'closeDate' && !isDate(value)) problems.push('Give the new close date.');
    if (kind === 'amount' && !(value !== '' && Number.isFinite(Number(value)) && Number(value) >= 0))
      problems.push('Give the new amount as a number.');
    if (kind === 'forecastCategory' && !FORECAST_CATEGORIES[provider].some((c) => c.value === value))
      problems.push('Pick the new forecast category.');
    if (!reason)
      problems.push(`${kind === 'amount' ? 'An' : 'A'} ${WHAT[kind]} change needs a reason from the list.`);
    if (reason) changes.push({ kind, value, reason, reasonField: reasonFields[kind]?.trim() ?? '' });
  }
  if (problems.length > 0) return { ok: false, problems };
  const update: DealUpdate | null =
    onDeal && (Object.keys(fields).length > 0 || changes.length > 0)
      ? { kind: 'deal', target: input.target, fields, changes, at: input.at }
      : null;
  return { ok: true, bodyLines, update };
}

const WHAT: Record<JudgementKind, string> = {
  closeDate: 'close date',
  forecastCategory: 'forecast category',
  amount: 'amount',
};

/** The deal update's label in the outbox list. */
export function updateLabel(update: DealUpdate, destination: string): string {
  const parts = [
    ...Object.keys(update.fields).map(() => 'field'),
    ...update.changes.map((c) => `${WHAT[c.kind]} → ${c.value} (${c.reason.label})`),
  ];
  const fieldCount = parts.filter((p) => p === 'field').length;
  const rest = parts.filter((p) => p !== 'field');
  return [
    `${destination}:`,
    [fieldCount ? `${fieldCount} qualification field${fieldCount === 1 ? '' : 's'}` : '', ...rest]
      .filter(Boolean)
      .join(', '),
  ].join(' ');
}
