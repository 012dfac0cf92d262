/**
 * HubSpot deal → provider-neutral `Opportunity`. Open or closed is decided by the stage's
 * pipeline metadata; when the stage is not in the pipeline list (deleted stage, pipelines not
 * readable) the deal's own `hs_is_closed` flag decides.
 */
import type { Opportunity, Stage } from '../../../domain/types';
import type { StageIndex } from '../reads/pipelines';
import { boolOf, dateOf, numberOf, text, type HsObject } from '../schemas';

export const DEAL_PROPERTIES = [
  'dealname',
  'dealstage',
  'pipeline',
  'amount',
  'deal_currency_code',
  'closedate',
  'hubspot_owner_id',
  'notes_last_contacted',
  'notes_last_updated',
  'hs_next_step',
  'hs_is_closed',
  'hs_is_closed_won',
  'hs_lastmodifieddate',
  'hs_v2_date_entered_current_stage',
];

function fallbackStage(deal: HsObject): Stage {
  const id = text(deal.props, 'dealstage') ?? '';
  const isClosed = boolOf(deal.props, 'hs_is_closed') ?? false;
  return {
    id,
    label: id || 'Unknown stage',
    order: 0,
    probability: null,
    isClosed,
    isWon: isClosed && boolOf(deal.props, 'hs_is_closed_won') === true,
    pipelineId: text(deal.props, 'pipeline'),
  };
}

function later(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

export interface DealLinks {
  accountId: string | null;
  contactIds: string[];
}

/** `stageKnown` is false when the stage was not in the pipeline list (the flag decided). */
export function toOpportunity(
  deal: HsObject,
  stages: StageIndex,
  links: DealLinks,
): { opportunity: Opportunity; stageKnown: boolean } {
  const found = stages.find(text(deal.props, 'pipeline'), text(deal.props, 'dealstage'));
  const stage = found ?? fallbackStage(deal);
  const closeDate = dateOf(deal.props, 'closedate');
  return {
    stageKnown: found !== null,
    opportunity: {
      id: deal.id,
      name: text(deal.props, 'dealname') ?? `Deal ${deal.id}`,
      accountId: links.accountId,
      stage,
      isClosed: stage.isClosed,
      ownerId: text(deal.props, 'hubspot_owner_id'),
      amount: numberOf(deal.props, 'amount'),
      currency: text(deal.props, 'deal_currency_code'),
      closeDate: closeDate ? closeDate.slice(0, 10) : null,
      lastActivityAt: later(
        dateOf(deal.props, 'notes_last_contacted'),
        dateOf(deal.props, 'notes_last_updated'),
      ),
      contactIds: links.contactIds,
      nextStepField: text(deal.props, 'hs_next_step'),
    },
  };
}

/** The common note when some deals' stages were not in the pipeline list. */
export const UNKNOWN_STAGE_NOTE =
  "Some deal stages were not in HubSpot's pipeline list; Dealside used the deals' own closed flag.";
