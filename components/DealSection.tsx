import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { destinationKey } from '@/lib/crm/target';
import type { Opportunity } from '@/lib/domain/types';
import type { ReadyDealView } from '@/lib/deals/view';
import { sendToWorker } from '@/lib/messaging';
import { dealAccount, withDealAccount } from '@/lib/panel/deal-account';
import { noDealDestination, targetFor, type Destination } from '@/lib/panel/destination';
import { SKIP_MESSAGES } from '@/lib/format';
import type { ActiveInteraction } from '@/lib/worker/active-interactions';
import { ConfigProblem } from './ConfigProblem';
import { DealCard } from './DealCard';
import { DealContext } from './DealContext';
import { DealPicker } from './DealPicker';
import { ErrorNote } from './ErrorNote';
import { useConfigView, useDealView, useOpportunityContext } from './hooks/use-worker';
import { LogPanel } from './LogPanel';
import { SignIn } from './SignIn';
import { Skeleton } from './Skeleton';
import { useChoice, usePanelStore } from './state/panel-store';

function Ready({
  view,
  active,
  tabId,
  receivedAt,
}: {
  view: ReadyDealView;
  active: ActiveInteraction;
  tabId: number;
  /** When the view arrived in the panel (not the CRM's or a test clock). */
  receivedAt: number;
}) {
  const client = useQueryClient();
  const config = useConfigView();
  const { picked, confirmed } = useChoice(view.sourceId);
  const pickDeal = usePanelStore((state) => state.pick);
  const confirmDeal = usePanelStore((state) => state.confirm);
  const [picking, setPicking] = useState(false);
  const remember = useMutation({
    mutationFn: (opportunityId: string) =>
      sendToWorker('deal.choose', { sourceId: view.sourceId, opportunityId }),
  });

  const { result } = view;
  const selectedId = picked?.id ?? view.selectedOpportunityId;
  const opportunities =
    picked && !view.opportunities.some((o) => o.id === picked.id)
      ? [...view.opportunities, picked]
      : view.opportunities;
  const viewWithPick = { ...view, opportunities };
  const opportunity = opportunities.find((o) => o.id === selectedId) ?? null;
  const prefetched = view.contexts.find((c) => c.opportunity.id === selectedId);
  const context = useOpportunityContext(selectedId, { context: prefetched, receivedAt });
  const contextData = context.data ?? prefetched;
  const account = opportunity ? dealAccount(view, opportunity, contextData) : undefined;
  const logOpportunity = opportunity ? withDealAccount(opportunity, contextData) : null;

  /** The log form once settings are read; a failure to read them is said, never a missing form. */
  const logForm = (key: string, destination: Destination) =>
    config.data ? (
      <LogPanel
        key={key}
        tabId={tabId}
        interaction={active.interaction}
        view={viewWithPick}
        destination={destination}
        config={config.data.config}
      />
    ) : config.isError ? (
      <ConfigProblem error={config.error} onRetry={() => void config.refetch()} />
    ) : (
      <Skeleton lines={3} label="Loading the log form" />
    );

  if (result.decision === 'skip') {
    return (
      <section className="card" aria-label="Nothing to log">
        <p>{SKIP_MESSAGES[result.skipReason ?? 'internal-only']}</p>
      </section>
    );
  }

  const pick = (o: Opportunity) => {
    pickDeal(view.sourceId, o);
    setPicking(false);
    remember.mutate(o.id);
    void client.prefetchQuery({
      queryKey: ['context', o.id],
      queryFn: () => sendToWorker('deal.context', { opportunityId: o.id }),
    });
  };

  if (!opportunity || picking) {
    const noDeal = result.decision === 'none' && !picking;
    const fallback = noDeal ? noDealDestination(view) : null;
    return (
      <>
        {noDeal && (
          <section className="card" aria-label="No open deal">
            <h2>No open deal for these people</h2>
            <p className="muted">
              {view.people.length > 0
                ? `${view.people.map((p) => p.name).join(', ')} ${view.people.length === 1 ? 'is' : 'are'} in your CRM, but not on an open deal. ${fallback ? `Log this to the ${fallback.kind} here, or pick a deal below.` : 'Pick a deal below if this belongs to one.'}`
                : fallback
                  ? 'Nobody here is in your CRM yet, but their company is. Log this to the account here, or pick a deal below.'
                  : 'Nobody here is in your CRM yet. Pick a deal below if this belongs to one.'}
            </p>
          </section>
        )}
        {fallback && logForm(`${active.key}:${destinationKey(targetFor(view, fallback))}`, fallback)}
        <DealPicker
          view={viewWithPick}
          selectedId={selectedId}
          onPick={pick}
          onClose={opportunity ? () => setPicking(false) : undefined}
        />
      </>
    );
  }

  const asking = result.decision === 'ask' && !confirmed && !picked;
  const candidate = result.candidates.find((c) => c.opportunityId === opportunity.id);
  return (
    <>
      <section className="card" aria-label="Deal">
        {asking && (
          <p className="warn" role="status">
            {result.candidates.length > 1
              ? 'More than one deal fits. Is it this one?'
              : 'Dealside is not sure. Is it this deal?'}
          </p>
        )}
        <DealCard
          opportunity={opportunity}
          account={account}
          candidate={candidate}
          chosenByRep={picked !== null}
        />
        <div className="row">
          {asking && (
            <button
              type="button"
              className="primary"
              onClick={() => {
                confirmDeal(view.sourceId);
                remember.mutate(opportunity.id);
              }}
            >
              Yes, this deal
            </button>
          )}
          <button type="button" onClick={() => setPicking(true)}>
            Change deal
          </button>
        </div>
        {view.notes.length > 0 && (
          <ul className="notes">
            {view.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </section>
      {contextData ? (
        <DealContext
          context={contextData}
          config={config.data?.config ?? DEFAULT_FLAGS_CONFIG}
          now={new Date()}
        />
      ) : context.isError ? (
        <ErrorNote error={context.error} onRetry={() => void context.refetch()} />
      ) : (
        <Skeleton lines={5} label="Loading the deal's context" />
      )}
      {!asking &&
        logForm(`${active.key}:${opportunity.id}`, {
          kind: 'opportunity',
          opportunity: logOpportunity ?? opportunity,
        })}
    </>
  );
}

const DEFAULT_FLAGS_CONFIG = { stageAgeTargets: {}, noTouchDays: { open: 14, lateStage: 7 } };

/** Which deal the open thread or meeting belongs to, its brief, and the log form. */
export function DealSection({ tabId, active }: { tabId: number; active: ActiveInteraction }) {
  const deal = useDealView(tabId, active.key);
  if (deal.isPending) return <Skeleton lines={4} label="Finding the deal" />;
  if (deal.isError) return <ErrorNote error={deal.error} onRetry={() => void deal.refetch()} />;
  const view = deal.data;
  if (view.state === 'signed-out') return <SignIn auth={view.auth} />;
  if (view.state === 'no-interaction') return null;
  if (view.state === 'unreadable') {
    return (
      <section className="card" aria-label="Thread not readable yet">
        <p>Open the thread fully to match it.</p>
      </section>
    );
  }
  return (
    <Ready
      key={view.interactionKey}
      view={view}
      active={active}
      tabId={tabId}
      receivedAt={deal.dataUpdatedAt}
    />
  );
}
