/**
 * A summary of at most three sentences, taken from the text as written (extractive, so it is in
 * the thread's language and says nothing the text does not): the sentences that carry the most —
 * commitments, qualification evidence, numbers and dates, words from the subject — in the order
 * they were said. In a thread each sentence says who wrote it.
 */
import type { Interaction } from '../model';
import { isCommitment } from './commitments';
import type { Language } from './language';
import { CUES } from './qualification-cues';
import type { Utterance } from './said';
import { fold, isQuestion, shorten } from './text';

const MAX_SENTENCES = 3;
const MAX_LENGTH = 240;

/** Pleasantries that carry nothing: "Thanks for the call today!", "Hope you are well." */
const SMALL_TALK =
  /^(thanks|thank you|great (call|meeting|chatting)|hope (you|all|this)|nice to|good to|danke|vielen dank|ich hoffe|schon(,)? dass|merci|j'espere|ravi|gracias|espero que|un placer|obrigad[oa]|espero que|foi um prazer|bedankt|dank je|ik hoop|leuk)\b/;

function words(text: string): Set<string> {
  return new Set((fold(text).match(/\p{L}{4,}/gu) ?? []).filter((w) => w.length >= 4));
}

function score(u: Utterance, language: Language, topic: Set<string>, newest: number): number {
  const folded = fold(u.sentence);
  if (SMALL_TALK.test(folded) || (u.sentence.match(/\p{L}+/gu) ?? []).length < 4) return -1;
  let points = 0;
  if (isCommitment(u.sentence, language)) points += 2;
  if (Object.values(CUES).some((cue) => cue.test(folded))) points += 2;
  if (/\d/.test(u.sentence)) points += 1;
  if ([...words(u.sentence)].some((w) => topic.has(w))) points += 1;
  if (isQuestion(u.sentence)) points -= 1;
  // Recency only orders sentences that carry something.
  return points > 0 && u.message === newest ? points + 1 : points;
}

export function summarize(input: {
  said: Utterance[];
  interaction: Interaction;
  language: Language;
}): string[] {
  const { said, interaction, language } = input;
  const topic = words(interaction.kind === 'meeting' ? interaction.title : interaction.subject);
  const newest = Math.max(0, ...said.map((u) => u.message));
  const authors = new Set(said.map((u) => u.by?.email.toLowerCase() ?? ''));
  const ranked = said
    .map((u, index) => ({ u, index, points: score(u, language, topic, newest) }))
    .filter((r) => r.points > 0)
    .sort((a, b) => b.points - a.points || a.index - b.index)
    .slice(0, MAX_SENTENCES)
    .sort((a, b) => a.index - b.index);
  return ranked.map(({ u }) => {
    const who = authors.size > 1 && u.by ? `${u.by.name.trim() || u.by.email}: ` : '';
    return shorten(`${who}${u.sentence}`, MAX_LENGTH);
  });
}
