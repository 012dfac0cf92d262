/**
 * Who said what, and when: a thread's messages oldest first, or a meeting's description (its
 * notes or agenda, dated at the start). Everything the rules read goes through here.
 */
import type { Interaction, Person } from '../model';
import { sentencesOf } from './text';

export interface Utterance {
  sentence: string;
  /** When it was written: dates in it read relative to this. */
  at: Date;
  /** The author, or null for a meeting's description. */
  by: Person | null;
  /** Whether the rep wrote it. A meeting's description counts as the rep's notes. */
  byRep: boolean;
  /** Index of the message (0 = oldest); a meeting's description is 0. */
  message: number;
}

export function whatWasSaid(interaction: Interaction, repEmail: string, now: Date): Utterance[] {
  const rep = repEmail.toLowerCase();
  if (interaction.kind === 'meeting') {
    const at = interaction.start ? new Date(interaction.start) : now;
    return sentencesOf(interaction.description).map((sentence) => ({
      sentence,
      at,
      by: null,
      byRep: true,
      message: 0,
    }));
  }
  return interaction.messages.flatMap((m, index) => {
    const byRep = m.direction ? m.direction === 'sent' : m.from.email.toLowerCase() === rep;
    const at = m.date ? new Date(m.date) : now;
    return sentencesOf(m.text).map((sentence) => ({ sentence, at, by: m.from, byRep, message: index }));
  });
}

/** Everything said, for telling the language. */
export function allText(interaction: Interaction): string {
  return interaction.kind === 'meeting'
    ? `${interaction.title}\n${interaction.description}`
    : `${interaction.subject}\n${interaction.messages.map((m) => m.text).join('\n')}`;
}
