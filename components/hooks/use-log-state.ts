import type { Config } from '@/lib/config/schema';
import type { Provider } from '@/lib/crm/types';
import { emailDraft } from '@/lib/deals/drafts';
import type { ReadyDealView } from '@/lib/deals/view';
import type { Interaction } from '@/lib/model';
import { outboxKey } from '@/lib/outbox/item';
import { targetFor, type Destination } from '@/lib/panel/destination';
import { useOutbox } from './use-worker';

/**
 * Where the write for this message or meeting stands: logged, waiting, failed, or not yet. The
 * key is built from the same target the log is planned with, so it is the key the outbox holds.
 */
export function useLogState(
  provider: Provider,
  interaction: Interaction,
  view: ReadyDealView,
  destination: Destination,
  config: Config,
  /** The write to look for: the email or meeting itself unless told (a prep note is a 'note'). */
  op: 'email' | 'meeting' | 'note' = interaction.kind === 'meeting' ? 'meeting' : 'email',
) {
  const outbox = useOutbox();
  const sourceId =
    interaction.kind === 'meeting'
      ? interaction.eventId
      : (emailDraft(interaction, config.logBody, new Date())?.sourceId ?? '');
  const key = outboxKey({
    provider,
    op,
    sourceId,
    target: targetFor(view, destination),
  });
  const logged = outbox.data?.ledger.find((entry) => entry.key === key) ?? null;
  const waiting = outbox.data?.items.find((item) => item.key === key) ?? null;
  return { logged, waiting };
}
