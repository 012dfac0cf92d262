/**
 * Answers "which deal is this?" for a tab: skip rules that need no CRM first, then one batched
 * CRM read, then the matching engine with the rep's earlier choice for this thread or event.
 */
import type { Config } from '../config/schema';
import type { CrmAdapter } from '../crm/adapter';
import type { MatchData, Opportunity } from '../domain/types';
import type { DealView } from '../deals/view';
import { needsOpening } from '../detect/readable';
import { lookupTargets, toSnapshot } from '../deals/snapshot';
import { forgetChoice, loadHistory } from '../match/history';
import { matchScenario } from '../match';
import type { MatchScenario } from '../match/schema';
import { interactionKey, interactionSourceId } from '../model';
import type { Connection } from '../auth/tokens';
import type { ActiveInteraction } from './active-interactions';

/** Skips that need no CRM: nothing to look up for an internal-only or auto-reply thread. */
const DECIDED_WITHOUT_CRM = new Set(['internal-only', 'excluded', 'automated']);

export interface MatchDeps {
  config: Config;
  connection: Connection;
  adapter: CrmAdapter;
  now: Date;
}

function scenarioFor(active: ActiveInteraction, deps: MatchDeps, crmUserId: string | null): MatchScenario {
  const { interaction } = active;
  return {
    user: { email: deps.connection.userEmail ?? interaction.userEmail ?? '', crmUserId },
    settings: {
      internalDomains: deps.config.internalDomains,
      excludedDomains: deps.config.excludedDomains,
      personalDomains: deps.config.personalDomains,
    },
    interaction,
    crm: { contacts: [], accounts: [], opportunities: [] },
    history: { threadOpportunity: {} },
    now: deps.now.toISOString(),
  };
}

/** The rep's earlier choice must be in the snapshot to win; it is dropped once that deal closes. */
async function withRememberedDeal(
  data: MatchData,
  remembered: string | undefined,
  sourceId: string,
  adapter: CrmAdapter,
): Promise<{ opportunities: Opportunity[]; contexts: MatchData['contexts'] }> {
  if (!remembered || data.opportunities.some((o) => o.id === remembered)) return data;
  try {
    const context = await adapter.opportunityContext(remembered);
    if (context.opportunity.isClosed || context.opportunity.stage.isClosed) {
      await forgetChoice(sourceId);
      return data;
    }
    return {
      opportunities: [...data.opportunities, context.opportunity],
      contexts: [...data.contexts, context],
    };
  } catch {
    // Deleted or no longer visible to this rep: the choice cannot apply.
    await forgetChoice(sourceId);
    return data;
  }
}

export async function matchActive(active: ActiveInteraction, deps: MatchDeps): Promise<DealView> {
  const { interaction } = active;
  const sourceId = interactionSourceId(interaction);
  if (needsOpening(interaction)) {
    return { state: 'unreadable', interactionKey: interactionKey(interaction), sourceId };
  }
  const base = {
    state: 'ready' as const,
    provider: deps.connection.provider,
    interactionKey: interactionKey(interaction),
    sourceId,
    fetchedAt: deps.now.toISOString(),
  };

  const precheck = matchScenario(scenarioFor(active, deps, null));
  if (precheck.decision === 'skip' && DECIDED_WITHOUT_CRM.has(precheck.skipReason ?? '')) {
    return {
      ...base,
      result: precheck,
      selectedOpportunityId: null,
      opportunities: [],
      accounts: [],
      people: [],
      contexts: [],
      notes: [],
      crmUserId: deps.connection.crmUserId,
    };
  }

  const scenario = scenarioFor(active, deps, deps.connection.crmUserId);
  const [data, history, owner] = await Promise.all([
    deps.adapter.matchData(lookupTargets(scenario)),
    loadHistory([sourceId]),
    deps.connection.crmUserId || !scenario.user.email
      ? Promise.resolve(null)
      : deps.adapter.ownerByEmail(scenario.user.email).catch(() => null),
  ]);
  const crmUserId = deps.connection.crmUserId ?? owner?.id ?? null;
  const { opportunities, contexts } = await withRememberedDeal(
    data,
    history.threadOpportunity[sourceId],
    sourceId,
    deps.adapter,
  );
  const result = matchScenario({
    ...scenario,
    user: { ...scenario.user, crmUserId },
    crm: toSnapshot({ ...data, opportunities }),
    history,
  });
  const selectedOpportunityId =
    result.decision === 'attach'
      ? result.opportunityId
      : result.decision === 'ask'
        ? (result.candidates[0]?.opportunityId ?? null)
        : null;
  return {
    ...base,
    result,
    selectedOpportunityId,
    opportunities: opportunities.filter((o) => !o.isClosed),
    accounts: data.accounts,
    people: data.people,
    contexts,
    notes: data.notes,
    crmUserId,
  };
}
