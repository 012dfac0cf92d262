/**
 * The parts of the Interaction contract the content scripts need at run time, without zod: the
 * bounds on raw page text and the identity of what is open. The schemas stay in `model.ts`; the
 * worker validates every report with them (the page side is not trusted).
 */
import type { Interaction } from './model';

/** Bounds on raw page text the worker reads later; the content script truncates to them. */
export const MAX_DATE_TEXT = 120;
export const MAX_LANG = 35;

/** Identity of what is open: changes when another thread/event opens or a message arrives. */
export function interactionKey(interaction: Interaction): string {
  if (interaction.kind === 'meeting') return `meeting:${interaction.eventId}`;
  const ids = interaction.messages.map((m) => m.id ?? m.permId ?? '?').join(',');
  return `thread:${interaction.threadId}:${ids}`;
}

/** The source id that history and "already logged" state hang off. */
export function interactionSourceId(interaction: Interaction): string {
  return interaction.kind === 'meeting' ? interaction.eventId : interaction.threadId;
}
