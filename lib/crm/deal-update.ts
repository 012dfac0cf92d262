/**
 * A deal update as both CRMs record it: the qualification values the rep accepted into the
 * admin's mapped properties/fields, and judgement changes (close date, forecast category, amount)
 * whose reason goes into the admin's reason property/field for that kind or, when none is set,
 * onto a note/Task next to the deal — so reports can count how many changes carry a reason.
 */
import type { DealUpdate, JudgementKind } from '../domain/types';

export const JUDGEMENT_LABELS: Record<JudgementKind, string> = {
  closeDate: 'Close date',
  forecastCategory: 'Forecast category',
  amount: 'Amount',
};

/** Changes whose reason has no property/field of its own: they go on the companion note/Task. */
export function changesNeedingNote(write: DealUpdate): DealUpdate['changes'] {
  return write.changes.filter((c) => !c.reasonField.trim());
}

/** One line per change: "Close date changed to 2026-12-20 — reason: Customer moved their timeline (customer-timeline)". */
export function reasonLines(changes: DealUpdate['changes']): string[] {
  return changes.map(
    (c) => `${JUDGEMENT_LABELS[c.kind]} changed to ${c.value} — reason: ${c.reason.label} (${c.reason.code})`,
  );
}

/** Properties/fields Dealside wrote as plain text and can read back to see whether it landed. */
export function textFieldsWritten(write: DealUpdate): Record<string, string> {
  const out: Record<string, string> = { ...write.fields };
  for (const c of write.changes) if (c.reasonField.trim()) out[c.reasonField.trim()] = c.reason.code;
  return out;
}

/** The native value of each judgement change, by the CRM's own property/field name. */
export function judgementValues(
  write: DealUpdate,
  names: Record<JudgementKind, string>,
  convert: (kind: JudgementKind, value: string) => string | number,
): Record<string, string | number> {
  return Object.fromEntries(write.changes.map((c) => [names[c.kind], convert(c.kind, c.value)]));
}
