/**
 * The warnings a rep should see before a call, computed from an opportunity's context and the
 * admin's targets. Pure, so the panel shows exactly what the tests check.
 */
import { expectedDaysInStage, type Config } from '../config/schema';
import type { OpportunityContext, Stage } from '../domain/types';

const DAY_MS = 86_400_000;

export interface StageAge {
  days: number;
  expectedDays: number;
  overdue: boolean;
}

export interface DealFlags {
  stageAge: StageAge | null;
  /** Days since the last touch, when past the no-touch threshold (or never touched). */
  noRecentTouch: { days: number | null; thresholdDays: number } | null;
  /** Zero or one of the deal's people touched in the last 14 days. */
  singleThreaded: { touched: number; total: number } | null;
  closeDatePassed: boolean;
  /** The previous next step, when its due date has passed. */
  nextStepOverdue: { subject: string; dueDate: string; days: number } | null;
}

/** Proposal, negotiation and contract stages, or a high win probability. */
export function isLateStage(stage: Pick<Stage, 'id' | 'label' | 'probability'>): boolean {
  return (
    /proposal|negotiat|contract|commit|decision/i.test(`${stage.id} ${stage.label}`) ||
    (stage.probability !== null && stage.probability >= 0.6)
  );
}

export function daysBetween(fromIso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / DAY_MS));
}

export function computeFlags(
  context: OpportunityContext,
  config: Pick<Config, 'stageAgeTargets' | 'noTouchDays'>,
  now: Date,
): DealFlags {
  const { opportunity } = context;
  const stage = opportunity.stage;

  let stageAge: StageAge | null = null;
  if (context.stageEnteredAt) {
    const days = daysBetween(context.stageEnteredAt, now);
    const expectedDays = expectedDaysInStage(config, stage);
    stageAge = { days, expectedDays, overdue: !stage.isClosed && days > expectedDays };
  }

  const thresholdDays = isLateStage(stage) ? config.noTouchDays.lateStage : config.noTouchDays.open;
  const lastTouchAt = context.lastTouch?.at ?? opportunity.lastActivityAt;
  const touchDays = lastTouchAt ? daysBetween(lastTouchAt, now) : null;
  const noRecentTouch =
    !stage.isClosed && (touchDays === null || touchDays > thresholdDays)
      ? { days: touchDays, thresholdDays }
      : null;

  const touched = context.contacts.filter((c) => c.touchedAt !== null).length;
  const singleThreaded = !stage.isClosed && touched <= 1 ? { touched, total: context.contacts.length } : null;

  const today = now.toISOString().slice(0, 10);
  const closeDatePassed =
    !stage.isClosed && opportunity.closeDate !== null && opportunity.closeDate.slice(0, 10) < today;

  const step = context.nextStep;
  const due = step?.dueDate?.slice(0, 10) ?? null;
  const nextStepOverdue =
    step && due && due < today && !stage.isClosed
      ? { subject: step.subject, dueDate: due, days: daysBetween(`${due}T00:00:00Z`, now) }
      : null;

  return { stageAge, noRecentTouch, singleThreaded, closeDatePassed, nextStepOverdue };
}
