/**
 * What the log button will write, in one line next to it ("Email + next step due Dec 4"), so
 * the rep sees the consequences of the click without scrolling through the form.
 */
import type { CodedLabel } from '../config/schema';
import type { Pipeline } from '../domain/types';
import type { LogForm } from './build-writes';
import { formatDate } from '../format';

export function writeSummary(input: {
  kind: 'email-thread' | 'meeting';
  form: LogForm;
  onDeal: boolean;
  dispositions: CodedLabel[];
  pipelines: Pipeline[];
}): string {
  const { form, onDeal } = input;
  const parts = [input.kind === 'meeting' ? 'Meeting (held)' : 'Email'];
  if (form.call?.enabled) {
    const disposition = input.dispositions.find((d) => d.code === form.call!.dispositionCode);
    parts.push(disposition ? `call (${disposition.label.toLowerCase()})` : 'call');
  }
  if (onDeal && form.nextStep.enabled) {
    const due = formatDate(/^\d{4}-\d{2}-\d{2}$/.test(form.nextStep.dueDate) ? form.nextStep.dueDate : null);
    parts.push(due ? `next step due ${due}` : 'next step (no date yet)');
  }
  if (onDeal && form.stageChange.enabled) {
    const stage = input.pipelines.flatMap((p) => p.stages).find((s) => s.id === form.stageChange.stageId);
    parts.push(stage ? `stage → ${stage.label}` : 'stage change');
  }
  return parts.join(' + ');
}
