/**
 * A deal update as Salesforce records it: one PATCH of the Opportunity (`CloseDate`, `Amount`,
 * `ForecastCategoryName`, the admin's qualification and reason fields) and, for reasons without
 * a field, a completed Task on the Opportunity listing them.
 */
import { judgementValues, reasonLines, textFieldsWritten } from '../../deal-update';
import type { DealWrite } from '../../../domain/types';
import type { RecordPlan } from './writes';
import { fit, localDate } from './values';

const FIELDS = {
  closeDate: 'CloseDate',
  forecastCategory: 'ForecastCategoryName',
  amount: 'Amount',
} as const;

export function opportunityUpdate(write: DealWrite): Record<string, unknown> {
  return {
    ...textFieldsWritten(write),
    ...judgementValues(write, FIELDS, (kind, value) => (kind === 'amount' ? Number(value) : value)),
  };
}

export function reasonTask(
  write: DealWrite,
  changes: DealWrite['changes'],
  ctx: { userId: string | null; marker: string | null },
): RecordPlan {
  const owner = write.target.ownerId ?? ctx.userId;
  const lines = reasonLines(changes);
  return {
    object: 'Task',
    fields: {
      WhatId: write.target.opportunityId,
      ...(owner ? { OwnerId: owner } : {}),
      Subject: fit(lines.length === 1 ? lines[0]! : `${lines.length} deal changes with reasons`, 255),
      Description: [...lines, ctx.marker].filter(Boolean).join('\n\n'),
      TaskSubtype: 'Task',
      Status: 'Completed',
      Priority: 'Normal',
      ActivityDate: localDate(write.at),
    },
  };
}
