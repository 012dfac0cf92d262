import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Opportunity } from '@/lib/domain/types';
import type { ReadyDealView } from '@/lib/deals/view';
import { sendToWorker } from '@/lib/messaging';
import { formatMoney } from '@/lib/format';
import { ErrorNote } from './ErrorNote';

/**
 * "Change the deal": the other candidates and the accounts' open deals, filterable, plus a
 * CRM search when the right deal is not among them.
 */
export function DealPicker({
  view,
  selectedId,
  onPick,
  onClose,
}: {
  view: ReadyDealView;
  selectedId: string | null;
  onPick: (opportunity: Opportunity) => void;
  onClose?: () => void;
}) {
  const [query, setQuery] = useState('');
  const searchId = useId();
  const accountIds = [
    ...new Set(view.opportunities.map((o) => o.accountId).filter((id): id is string => !!id)),
  ];
  const search = useQuery({
    queryKey: ['deal-search', query, accountIds],
    queryFn: () => sendToWorker('deal.search', { query, accountIds: query ? [] : accountIds }),
    enabled: query.trim().length >= 2,
    staleTime: 30_000,
  });
  const needle = query.trim().toLowerCase();
  const local = view.opportunities.filter((o) => !needle || o.name.toLowerCase().includes(needle));
  const seen = new Set(local.map((o) => o.id));
  const remote = (search.data ?? []).filter((o) => !seen.has(o.id));
  const rankOf = new Map(view.result.candidates.map((c, i) => [c.opportunityId, i]));
  const sorted = [...local].sort((a, b) => (rankOf.get(a.id) ?? 99) - (rankOf.get(b.id) ?? 99));
  const account = (id: string | null) => view.accounts.find((a) => a.id === id)?.name;

  return (
    <section className="picker" aria-label="Choose the deal">
      <label htmlFor={searchId}>Find a deal</label>
      <input
        id={searchId}
        type="search"
        value={query}
        placeholder="Deal name"
        autoFocus
        onChange={(event) => setQuery(event.target.value)}
      />
      <ul className="picker-list">
        {[...sorted, ...remote].map((o) => (
          <li key={o.id}>
            <button type="button" aria-pressed={o.id === selectedId} onClick={() => onPick(o)}>
              <span className="deal-name">{o.name}</span>
              <span className="muted">
                {[account(o.accountId), o.stage.label, formatMoney(o.amount, o.currency)]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {search.isFetching && <p className="muted">Searching…</p>}
      {needle.length >= 2 && !search.isFetching && sorted.length + remote.length === 0 && (
        <p className="muted">No open deal matches “{query}”.</p>
      )}
      <ErrorNote error={search.error} />
      {onClose && (
        <button type="button" onClick={onClose}>
          Keep the current deal
        </button>
      )}
    </section>
  );
}
