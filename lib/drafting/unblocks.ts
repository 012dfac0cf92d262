/**
 * What a next step unblocks, in the text's own words: the purpose clause of the commitment
 * ("…so legal can sign before the 15th", "…damit wir im Dezember starten können") or the
 * sentence right after it that says what it leads to ("That way we can go live in January.").
 * Nothing of the kind in the text gives null: the rep writes it, nobody invents it.
 */
import { capitalize, fold, shorten } from './text';

/** Purpose markers, folded; a match starts the clause that is kept. */
const PURPOSE =
  /\b(so that|so (\p{L}+ ){1,2}(can|could|will|is able to|has|have|gets|get)|which (will )?(lets?|allows?|unblocks?|means)|to unblock|in order to|then we can|damit|sodass|so dass|dann konnen wir|sobald|afin de|afin que|pour que|pour pouvoir|ce qui (nous )?permettra|ce qui debloque|comme ca|para que|para poder|para podermos|asi podremos|asi podemos|lo que (nos )?permitira|de modo que|o que (nos )?permitira|assim poderemos|assim podemos|zodat|dan kunnen we|waardoor|zodra)\b/u;

/** A following sentence that says what the step leads to. */
const CONSEQUENCE =
  /^(that way|this (will )?(lets?|allows?|unblocks?|means)|then we can|once (that|this|we have|it is)|so dann|dann konnen|damit konnen|ainsi|cela nous permettra|ca nous permettra|asi|eso nos permitira|assim|isso nos permitira|zo kunnen|daarmee|dan kunnen)\b/u;

const MAX = 200;

function asSentence(clause: string): string {
  const trimmed = clause.trim().replace(/[,;:]+$/, '');
  const ended = /[.!]$/.test(trimmed) ? trimmed : `${trimmed}.`;
  return shorten(capitalize(ended), MAX);
}

/** Where the purpose clause starts in the sentence (> 0), or -1: the step is what comes before. */
export function purposeStart(sentence: string): number {
  const match = PURPOSE.exec(fold(sentence));
  return match && match.index > 0 ? match.index : -1;
}

export function unblocksFrom(commitment: string, following: string | null): string | null {
  const match = PURPOSE.exec(fold(commitment));
  // A purpose clause at the very start is the whole sentence's purpose, e.g. "So that…"
  if (match && match.index > 0) return asSentence(commitment.slice(match.index));
  if (match) return asSentence(commitment);
  if (following && (CONSEQUENCE.test(fold(following.trim())) || PURPOSE.test(fold(following))))
    return asSentence(following);
  return null;
}
