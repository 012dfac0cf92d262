/** The log form's starting point: everything pre-filled from the page, so accepting is one click. */
import type { Config } from '../config/schema';
import type { Opportunity, Pipeline, Stage } from '../domain/types';
import { emailDraft, meetingDraft } from '../deals/drafts';
import type { RulesDraft } from '../drafting';
import type { Interaction } from '../model';
import type { LogForm } from './build-writes';

/** The open stage after the deal's current one in its pipeline, or null at the end. */
export function nextStageOf(pipelines: Pipeline[], opportunity: Opportunity): Stage | null {
  const pipeline = pipelines.find((p) => p.stages.some((s) => s.id === opportunity.stage.id)) ?? pipelines[0];
  const open = (pipeline?.stages ?? []).filter((s) => !s.isClosed).sort((a, b) => a.order - b.order);
  return open.find((s) => s.order > opportunity.stage.order) ?? null;
}

/** Stages a deal can move to: its own pipeline's, except the one it is in. */
export function stagesToMoveTo(pipelines: Pipeline[], opportunity: Opportunity): Stage[] {
  return pipelines
    .flatMap((p) => p.stages)
    .filter(
      (s) =>
        s.id !== opportunity.stage.id && (!s.pipelineId || s.pipelineId === opportunity.stage.pipelineId),
    );
}

/**
 * The next step row: on, and filled in, only when someone committed to a dated step; on and
 * empty when the team requires one (the rep fills it); otherwise off and empty. A commitment
 * without a date is offered (filled in) but left off: its date is the rep's to pick.
 */
function initialNextStep(draft: RulesDraft | null, onDeal: boolean, config: Config): LogForm['nextStep'] {
  // A next step needs a deal: logging to an account or contact goes without one.
  const step = onDeal && draft?.nextStep.committed ? draft.nextStep : null;
  return {
    enabled: onDeal && ((step !== null && step.dueDate !== null) || config.requireNextStep),
    subject: step?.subject ?? '',
    dueDate: step?.dueDate ?? '',
    unblocks: step?.unblocks ?? '',
    proposedBy: step ? PROPOSED_BY[step.source ?? 'notes'] : null,
    ...(step ? { owner: step.owner } : {}),
  };
}

const PROPOSED_BY = { you: 'you', them: 'them', notes: 'agenda' } as const;

/** `draft` is the rules engine's draft of the same interaction (null: nothing drafted). */
export function initialForm(
  interaction: Interaction,
  onDeal: boolean,
  config: Config,
  now: Date,
  drafted: RulesDraft | null = null,
): LogForm {
  const base = {
    nextStep: initialNextStep(drafted, onDeal, config),
    stageChange: { enabled: false, stageId: '', reasonCode: '' },
  };
  if (interaction.kind === 'email-thread') {
    const draft = emailDraft(interaction, config.logBody, now);
    return { ...base, subject: draft?.subject ?? interaction.subject, body: draft?.body ?? '', call: null };
  }
  const draft = meetingDraft(interaction, config.logBody, now);
  return {
    ...base,
    subject: draft.title,
    body: draft.body,
    call: {
      enabled: false,
      dispositionCode: config.dispositions[0]?.code ?? '',
      durationMinutes: draft.durationMinutes,
    },
  };
}
