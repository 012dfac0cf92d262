/**
 * The next step: what someone committed to, its owner, its due date and what it unblocks — each
 * from the text or left empty, never a filler. The newest commitment naming a day still ahead
 * wins; else the newest undated one (its date is the rep's to pick); else nothing.
 */
import type { Person } from '../model';
import type { DraftNextStep } from './contract';
import { isActionHeading, isCommitment, withoutHeading } from './commitments';
import { dateIn, localDay } from './dates';
import type { Language } from './language';
import { ownerOf } from './owner';
import type { Utterance } from './said';
import { shorten } from './text';
import { purposeStart, unblocksFrom } from './unblocks';

const MAX_SUBJECT = 120;

export interface NextStepFound extends DraftNextStep {
  /** Whether the text held a commitment at all (false: an empty row for the rep). */
  committed: boolean;
  /** Who wrote the commitment: the rep, someone else, or a meeting's notes. */
  source: 'you' | 'them' | 'notes' | null;
}

interface Candidate {
  index: number;
  due: string | null;
}

/** Utterances that commit to something; the items under a "Next steps:" heading all do. */
function candidates(said: Utterance[], language: Language, today: string): Candidate[] {
  const found: Candidate[] = [];
  let underHeading = -1;
  said.forEach((u, index) => {
    const heading = isActionHeading(u.sentence);
    if (heading && withoutHeading(u.sentence).length < 3) {
      underHeading = u.message;
      return;
    }
    if (!heading && underHeading !== u.message && !isCommitment(u.sentence, language)) return;
    const due = dateIn(u.sentence, language, u.at);
    // A day already gone is a promise kept or missed, not what happens next.
    if (due && due < today) return;
    found.push({ index, due });
  });
  return found;
}

export function findNextStep(input: {
  said: Utterance[];
  language: Language;
  rep: Person;
  people: Person[];
  now: Date;
}): NextStepFound {
  const { said, language, rep, now } = input;
  const all = candidates(said, language, localDay(now));
  // Newest message first; within a message the first dated commitment is the next one.
  const byNewest = [...all].sort(
    (a, b) => said[b.index]!.message - said[a.index]!.message || a.index - b.index,
  );
  const chosen = byNewest.find((c) => c.due !== null) ?? byNewest[0];
  if (!chosen) {
    return {
      subject: '',
      dueDate: null,
      owner: rep.email.toLowerCase(),
      unblocks: null,
      committed: false,
      source: null,
    };
  }
  const u = said[chosen.index]!;
  const next = said[chosen.index + 1];
  const following = next && next.message === u.message ? next.sentence : null;
  const sentence = withoutHeading(u.sentence);
  const cut = purposeStart(sentence);
  const what =
    cut > 0
      ? `${sentence
          .slice(0, cut)
          .trim()
          .replace(/[\s,;:–—-]+$/u, '')}.`
      : sentence;
  return {
    subject: shorten(what, MAX_SUBJECT),
    dueDate: chosen.due,
    owner: ownerOf({ sentence, speaker: u.by, speakerIsRep: u.byRep, language, rep, people: input.people }),
    unblocks: unblocksFrom(sentence, following),
    committed: true,
    source: u.by === null ? 'notes' : u.byRep ? 'you' : 'them',
  };
}
