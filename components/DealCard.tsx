import type { Candidate } from '@/lib/match/schema';
import type { CrmAccount, Opportunity } from '@/lib/domain/types';
import { formatDate, formatMoney } from '@/lib/format';

/** The deal a log will go to, and the matcher's reasons for it ("why this deal"). */
export function DealCard({
  opportunity,
  account,
  candidate,
  chosenByRep,
}: {
  opportunity: Opportunity;
  account: CrmAccount | undefined;
  candidate: Candidate | undefined;
  chosenByRep: boolean;
}) {
  const facts = [
    opportunity.stage.label,
    formatMoney(opportunity.amount, opportunity.currency),
    opportunity.closeDate && `closes ${formatDate(opportunity.closeDate)}`,
  ].filter(Boolean);
  return (
    <div className="deal-card">
      <p className="eyebrow">{account?.name ?? 'Deal'}</p>
      <h2 className="deal-name">{opportunity.name}</h2>
      <p className="muted">{facts.join(' · ')}</p>
      {chosenByRep ? (
        <p className="why">You picked this deal.</p>
      ) : (
        candidate &&
        candidate.reasons.length > 0 && (
          <div className="why">
            <h3>Why this deal</h3>
            <ul>
              {candidate.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </div>
        )
      )}
    </div>
  );
}
