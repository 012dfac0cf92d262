/**
 * Whether the page showed enough of a thread to match it. A heading whose messages Gmail has
 * not painted (or keeps folded) names nobody: that is "not read yet", not "a thread with nobody
 * in it", and must not be matched as internal-only or as having no deal.
 */
import type { Interaction } from '../model';

export function needsOpening(interaction: Interaction): boolean {
  return interaction.kind === 'email-thread' && interaction.participants.length === 0;
}
