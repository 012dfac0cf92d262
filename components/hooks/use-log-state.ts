import { useQuery } from '@tanstack/react-query';
import type { Config } from '@/lib/config/schema';
import type { Provider } from '@/lib/domain/types';
import { emailDraft } from '@/lib/deals/drafts';
import type { ReadyDealView } from '@/lib/deals/view';
import { sendToWorker } from '@/lib/messaging';
import type { Interaction } from '@/lib/model';
import { outboxKey } from '@/lib/outbox/item';
import { destinationName, targetFor, type Destination } from '@/lib/panel/destination';
import { useOutbox } from './use-worker';

/**
 * Where the write for this message or meeting stands: logged, waiting, failed, or not yet. The
 * key is built from the same target the log is planned with, so it is the key the outbox holds.
 * An email or meeting the ledger does not know is looked up in the CRM before "Log" is offered:
 * it may have been logged from another machine, or before a sign-out cleared the ledger.
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
  const draft = interaction.kind === 'meeting' ? null : emailDraft(interaction, config.logBody, new Date());
  const sourceId = interaction.kind === 'meeting' ? interaction.eventId : (draft?.sourceId ?? '');
  const aliasSourceIds = draft?.aliasSourceIds ?? [];
  const target = targetFor(view, destination);
  const keyOf = (id: string) => outboxKey({ provider, op, sourceId: id, target });
  const keys = [keyOf(sourceId), ...aliasSourceIds.map(keyOf)];
  const logged = outbox.data?.ledger.find((entry) => keys.includes(entry.key)) ?? null;
  const waiting = outbox.data?.items.find((item) => item.key === keys[0]) ?? null;
  const lookFirst = op !== 'note' && outbox.isSuccess && !logged && !waiting && sourceId !== '';
  const lookup = useQuery({
    queryKey: ['log.lookup', keys[0]],
    queryFn: () =>
      sendToWorker('log.lookup', {
        op: op === 'meeting' ? 'meeting' : 'email',
        sourceId,
        aliasSourceIds,
        label: `${op === 'email' ? 'Email' : 'Meeting'} to ${destinationName(destination)}`,
        target,
      }),
    enabled: lookFirst,
    staleTime: 60_000,
    retry: false,
  });
  // Until the CRM has answered, "Log" could write a second record: hold it back.
  const checking = lookFirst && lookup.isPending;
  return { logged, waiting, checking };
}
