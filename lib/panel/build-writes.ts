/**
 * Turns what the rep confirmed in the panel into CRM writes for the outbox, with the rules the
 * admin set: a next step when required, a reason code from the list for every stage change.
 * Next steps and stage changes belong to a deal: logging to an account or contact has neither.
 */
import type { Config } from '../config/schema';
import type { CrmWrite, Pipeline } from '../domain/types';
import { emailDraft, meetingDraft } from '../deals/drafts';
import type { ReadyDealView } from '../deals/view';
import type { Interaction, Meeting } from '../model';
import { destinationName, targetFor, type Destination } from './destination';
import { planPostCall, updateLabel, type PostCallForm } from './post-call';

export interface LogForm {
  /** Subject/title and body as the rep left them. */
  subject: string;
  body: string;
  call: { enabled: boolean; dispositionCode: string; durationMinutes: number } | null;
  nextStep: {
    enabled: boolean;
    subject: string;
    dueDate: string;
    unblocks: string;
    /** Who committed to the proposed step, when the text held one; null when the row started empty. */
    proposedBy?: 'you' | 'them' | 'agenda' | null;
    /** Who committed to it (email), when the draft says; the CRM task stays the rep's. */
    owner?: string;
  };
  stageChange: { enabled: boolean; stageId: string; reasonCode: string };
  /** The post-call screen: qualification, recording link, judgement changes (optional). */
  post?: PostCallForm;
}

export interface PlannedWrite {
  sourceId: string;
  /** Source ids the same touch had in earlier releases (an email's Gmail id). */
  aliasSourceIds?: string[];
  label: string;
  payload: CrmWrite;
}

export type Plan = { ok: true; writes: PlannedWrite[] } | { ok: false; problems: string[] };

export function planWrites(input: {
  interaction: Interaction;
  view: ReadyDealView;
  destination: Destination;
  form: LogForm;
  config: Pick<Config, 'logBody' | 'requireNextStep' | 'reasonCodes' | 'dispositions'> &
    Partial<Parameters<typeof planPostCall>[0]['config']>;
  pipelines: Pipeline[];
  now: Date;
}): Plan {
  const { interaction, view, destination, form, config, now } = input;
  const problems: string[] = [];
  const onDeal = destination.kind === 'opportunity';
  const destinationLabel = destinationName(destination);
  const target = targetFor(view, destination);
  const at = now.toISOString();
  const writes: PlannedWrite[] = [];
  let sourceId: string;
  let aliasSourceIds: string[] = [];

  if (interaction.kind === 'email-thread') {
    const draft = emailDraft(interaction, config.logBody, now);
    if (!draft)
      return {
        ok: false,
        problems: ['This thread has no message Gmail has saved yet. Try again in a moment.'],
      };
    sourceId = draft.sourceId;
    aliasSourceIds = draft.aliasSourceIds;
    writes.push({
      sourceId,
      ...(aliasSourceIds.length ? { aliasSourceIds } : {}),
      label: `Email to ${destinationLabel}`,
      payload: {
        kind: 'email',
        target,
        subject: form.subject,
        body: form.body,
        from: draft.from,
        to: draft.to,
        at: draft.at,
        direction: draft.direction,
      },
    });
  } else {
    const draft = meetingDraft(interaction, config.logBody, now);
    sourceId = draft.sourceId;
    writes.push({
      sourceId,
      label: `Meeting to ${destinationLabel}`,
      payload: {
        kind: 'meeting',
        target,
        title: form.subject,
        body: form.body,
        start: draft.start,
        end: draft.end,
        location: draft.location,
        outcome: 'completed',
      },
    });
    if (form.call?.enabled) {
      const disposition = config.dispositions.find((d) => d.code === form.call!.dispositionCode);
      if (!disposition) problems.push('Pick how the call went.');
      else
        writes.push({
          sourceId,
          label: `Call (${disposition.label}) to ${destinationLabel}`,
          payload: {
            kind: 'call',
            target,
            title: `Call: ${form.subject}`,
            body: form.body,
            at: draft.start,
            durationSeconds: Math.max(0, Math.round(form.call.durationMinutes * 60)),
            disposition,
            direction: 'outbound',
          },
        });
    }
  }

  if (form.post) {
    const post = planPostCall({
      post: form.post,
      body: form.body,
      provider: view.provider,
      config: input.config as Parameters<typeof planPostCall>[0]['config'],
      target,
      onDeal,
      at,
    });
    if (!post.ok) problems.push(...post.problems);
    else {
      const touch = writes[0]!.payload;
      if (post.bodyLines.length > 0 && (touch.kind === 'email' || touch.kind === 'meeting'))
        touch.body = [touch.body, post.bodyLines.join('\n')].filter((part) => part.trim()).join('\n\n');
      if (post.update)
        writes.push({ sourceId, label: updateLabel(post.update, destinationLabel), payload: post.update });
    }
  }

  const step = form.nextStep;
  if (step.enabled && !onDeal) {
    problems.push('A next step needs a deal: pick one, or log without it.');
  } else if (step.enabled) {
    if (!step.subject.trim()) problems.push('Say what the next step is.');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(step.dueDate)) problems.push('Give the next step a due date.');
    else if (step.dueDate < at.slice(0, 10)) problems.push('The next step is due in the past.');
    if (problems.length === 0) {
      writes.push({
        sourceId,
        ...(aliasSourceIds.length ? { aliasSourceIds } : {}),
        label: `Next step: ${step.subject.trim()} (due ${step.dueDate})`,
        payload: {
          kind: 'task',
          target,
          subject: step.subject.trim(),
          body: step.unblocks.trim(),
          dueDate: step.dueDate,
          ownerId: view.crmUserId,
        },
      });
    }
  } else if (config.requireNextStep && onDeal) {
    // Without a deal there is nothing to put a next step on; the rule is about deals.
    problems.push('Your team requires a next step with every log.');
  }

  const change = form.stageChange;
  if (change.enabled && !onDeal) {
    problems.push('Only a deal has a stage to change.');
  } else if (change.enabled) {
    const stage = input.pipelines.flatMap((p) => p.stages).find((s) => s.id === change.stageId);
    const reason = config.reasonCodes.find((r) => r.code === change.reasonCode);
    if (!stage) problems.push('Pick the new stage.');
    if (!reason) problems.push('A stage change needs a reason from the list.');
    if (stage && reason) {
      writes.push({
        // One change to one stage per thread or event; another stage is another write.
        sourceId: `${sourceId}>${stage.id}`,
        label: `Stage → ${stage.label} (${reason.label})`,
        payload: { kind: 'stage', target, stageId: stage.id, stageLabel: stage.label, reason, at },
      });
    }
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, writes };
}

/**
 * A prep note for a meeting that has not started: a note on the deal (or account, or
 * contact), never a held meeting or a call. One per meeting: the event id is its source.
 */
export function planPrepNote(input: {
  meeting: Meeting;
  view: ReadyDealView;
  destination: Destination;
  note: string;
  now: Date;
}): Plan {
  const { meeting, view, destination, now } = input;
  const note = input.note.trim();
  if (!note) return { ok: false, problems: ['Write the prep note first.'] };
  const when = meeting.start ? ` (${meeting.start.slice(0, 10)})` : '';
  return {
    ok: true,
    writes: [
      {
        sourceId: meeting.eventId,
        label: `Prep note for ${meeting.title || 'the meeting'} to ${destinationName(destination)}`,
        payload: {
          kind: 'note',
          target: targetFor(view, destination),
          body: `Prep for ${meeting.title || 'the meeting'}${when}:\n${note}`,
          at: now.toISOString(),
        },
      },
    ],
  };
}
