/**
 * What capture does with a matched touch: log it with no click, suggest it, or leave it. Pure.
 * Only a confident match (`attach`) in `auto` mode is logged without a click; `ask` waits with
 * its candidates; `none` and `skip` are never captured, nor is a touch whose only outsiders are
 * unknown personal addresses.
 */
import type { Config } from '../config/schema';
import type { CrmWrite } from '../domain/types';
import type { ReadyDealView } from '../deals/view';
import { domainOf, domainSet, inDomainSet, normalizeEmail } from '../match/address';
import { capStoredText } from '../outbox/bounds';
import { targetFor } from '../panel/destination';
import type { CaptureMode } from './modes';
import type { CaptureCandidate, CaptureRecord } from './record';
import { touchContent, type Touch } from './touch';

export type NotCaptured =
  'off' | 'internal-only' | 'automated' | 'bulk' | 'excluded' | 'personal' | 'no-deal' | 'unreadable';

export type CapturePlan =
  | { action: 'leave'; reason: NotCaptured; why: string }
  | {
      action: 'auto' | 'suggest';
      decision: 'attach' | 'ask';
      opportunityId: string;
      destination: string;
      why: string;
      candidates: CaptureCandidate[];
      write: { label: string; payload: CrmWrite };
    };

const SKIP_WORDS: Record<string, string> = {
  'internal-only': 'Only people from your company are on it.',
  automated: 'It is an automatic reply.',
  bulk: 'It is bulk mail or a newsletter.',
  excluded: 'Your administrator excluded one of its domains.',
};

function people(touch: Touch): string[] {
  if (touch.kind === 'meeting') return touch.meeting.attendees.map((a) => a.email);
  const { thread } = touch;
  return [...thread.participants, ...thread.messages.flatMap((m) => [m.from, ...m.to])].map((p) => p.email);
}

/** Outsiders on personal addresses (gmail.com…) whom the CRM does not know. */
function unknownPersonal(
  touch: Touch,
  view: ReadyDealView,
  config: Pick<Config, 'internalDomains' | 'personalDomains'>,
  userEmail: string | null,
) {
  const internal = domainSet(config.internalDomains);
  const personal = domainSet(config.personalDomains);
  const user = userEmail ? normalizeEmail(userEmail) : null;
  if (user && !personal.has(domainOf(user))) internal.add(domainOf(user));
  const known = new Set(view.people.map((p) => normalizeEmail(p.email)));
  const outsiders = [...new Set(people(touch).map(normalizeEmail))].filter(
    (e) => e.includes('@') && e !== user && !inDomainSet(domainOf(e), internal),
  );
  const unknown = outsiders.filter((e) => inDomainSet(domainOf(e), personal) && !known.has(e));
  return { outsiders: outsiders.length, unknown: unknown.length };
}

export function planCapture(input: {
  touch: Touch;
  mode: CaptureMode;
  view: ReadyDealView;
  config: Pick<Config, 'logBody' | 'internalDomains' | 'personalDomains' | 'maxStoredTextChars'>;
  userEmail: string | null;
  now: Date;
}): CapturePlan {
  const { touch, mode, view, config } = input;
  if (mode === 'off') return { action: 'leave', reason: 'off', why: 'Capture is off for this kind.' };
  const { result } = view;
  if (result.decision === 'skip') {
    const reason = result.skipReason ?? 'internal-only';
    return { action: 'leave', reason, why: SKIP_WORDS[reason] ?? 'Dealside never logs this.' };
  }
  if (result.decision === 'none' || result.candidates.length === 0) {
    return { action: 'leave', reason: 'no-deal', why: 'No open deal fits.' };
  }
  const personal = unknownPersonal(touch, view, config, input.userEmail);
  if (personal.outsiders > 0 && personal.unknown === personal.outsiders) {
    return {
      action: 'leave',
      reason: 'personal',
      why: 'Only personal addresses your CRM does not know are on it.',
    };
  }
  const opportunityId =
    result.decision === 'attach' ? result.opportunityId! : result.candidates[0]!.opportunityId;
  const opportunity = view.opportunities.find((o) => o.id === opportunityId);
  if (!opportunity) return { action: 'leave', reason: 'no-deal', why: 'The deal is no longer open.' };
  const candidates = result.candidates.map((c) => ({
    ...c,
    name: view.opportunities.find((o) => o.id === c.opportunityId)?.name ?? c.opportunityId,
    accountId: view.opportunities.find((o) => o.id === c.opportunityId)?.accountId ?? null,
  }));
  const target = targetFor(view, { kind: 'opportunity', opportunity });
  const content = touchContent(touch, config.logBody, input.now);
  const payload = capStoredText({ ...content, target } as CrmWrite, config.maxStoredTextChars);
  const label = `${touch.kind === 'meeting' ? 'Meeting' : 'Email'} to ${opportunity.name}`;
  const confident = result.decision === 'attach' && personal.unknown === 0;
  const why =
    result.decision === 'ask'
      ? `${candidates.length} deals fit: pick one.`
      : (candidates[0]?.reasons.join('; ') ?? '');
  return {
    action: mode === 'auto' && confident ? 'auto' : 'suggest',
    decision: result.decision,
    opportunityId,
    destination: opportunity.name,
    why:
      personal.unknown > 0 && result.decision === 'attach'
        ? `${why}; someone on it writes from an unknown personal address, so it waits for you.`
        : why,
    candidates,
    write: { label, payload },
  };
}

/** The write re-aimed at another candidate (an `ask` the rep settled). */
export function retarget(record: CaptureRecord, opportunityId: string): CaptureRecord['write'] {
  if (opportunityId === record.opportunityId) return record.write;
  const candidate = record.candidates.find((c) => c.opportunityId === opportunityId);
  if (!candidate) throw new Error('That deal is not one of the candidates.');
  const kind = record.kind === 'meeting' ? 'Meeting' : 'Email';
  return {
    label: `${kind} to ${candidate.name}`,
    payload: {
      ...record.write.payload,
      target: { ...record.write.payload.target, opportunityId, accountId: candidate.accountId },
    },
  };
}
