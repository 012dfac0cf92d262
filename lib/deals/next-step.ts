/**
 * Proposes a next step only when someone committed to one: a sentence where the rep or the
 * customer says what will happen ("I'll send the pricing by Thursday", "Legal will review it on
 * Tuesday", "Let's regroup next week") and names a date that is still ahead. A customer's remark
 * ("Moving the call to Friday works.") or question ("Could you send it by Friday?") is not a
 * commitment. Without one, nothing is proposed: the panel offers an empty row instead of a
 * task the rep did not ask for.
 */
import * as chrono from 'chrono-node';
import type { Interaction } from '../model';

export interface NextStepDraft {
  subject: string;
  /** YYYY-MM-DD in the rep's time zone; '' when the commitment names no date. */
  dueDate: string;
  /** One sentence on what the next step unblocks. */
  unblocks: string;
  /** Who made the commitment: the rep ("you"), the other side, or unknown (a meeting's agenda). */
  committedBy: 'you' | 'them' | null;
}

const MAX_SUBJECT = 120;

export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addBusinessDays(from: Date, days: number): Date {
  const date = new Date(from);
  let left = days;
  while (left > 0) {
    date.setDate(date.getDate() + 1);
    const weekday = date.getDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return date;
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 3);
}

/** Drops a leading salutation so "Jane, attached. Happy to…" keeps only the sentence. */
function tidy(sentence: string): string {
  const cleaned = sentence.replace(/^(hi|hello|hey|dear)\b[^,]*,\s*/i, '').replace(/\s+/g, ' ');
  return cleaned.length > MAX_SUBJECT ? `${cleaned.slice(0, MAX_SUBJECT - 1).trimEnd()}…` : cleaned;
}

interface Said {
  text: string;
  at: Date;
  by: NextStepDraft['committedBy'];
}

/** Someone says what will happen: "I'll…", "we will…", "Legal will…", "let's…", "happy to…". */
const COMMITMENT =
  /\b(will|shall|going to|happy to|plan to|planning to|intend to|commit to|promise to|let's|let us)\b|\b(i|we|you|they|he|she)'ll\b|\b(i|we)'m? (sending|setting up|scheduling|booking)\b/i;

export function isCommitment(sentence: string): boolean {
  // A question asks for a commitment; it is not one ("Will you send it by Friday?").
  return COMMITMENT.test(sentence.replace(/[’‘]/g, "'")) && !sentence.trim().endsWith('?');
}

function whatWasSaid(interaction: Interaction, now: Date): Said[] {
  if (interaction.kind === 'meeting') {
    const at = interaction.end ? new Date(interaction.end) : now;
    return [{ text: interaction.description, at, by: null }];
  }
  const user = interaction.userEmail?.toLowerCase();
  return [...interaction.messages].reverse().map((m) => ({
    text: m.text,
    at: m.date ? new Date(m.date) : now,
    by: m.direction === 'sent' || (user && m.from.email.toLowerCase() === user) ? 'you' : 'them',
  }));
}

interface Commitment {
  sentence: string;
  due: Date | null;
  by: NextStepDraft['committedBy'];
}

/** The newest commitment; one with a date still ahead wins over an undated one. */
function newestCommitment(said: Said[], now: Date): Commitment | null {
  let undated: Commitment | null = null;
  for (const { text, at, by } of said) {
    for (const sentence of sentences(text).reverse()) {
      if (!isCommitment(sentence)) continue;
      const [found] = chrono.parse(sentence, at, { forwardDate: true });
      if (!found) {
        undated ??= { sentence, due: null, by };
        continue;
      }
      // A date already gone is a promise that was kept or missed, not the next step.
      if (localDate(found.start.date()) >= localDate(now)) return { sentence, due: found.start.date(), by };
    }
  }
  return undated;
}

export function draftNextStep(input: {
  interaction: Interaction;
  nextStageLabel: string | null;
  now: Date;
}): NextStepDraft | null {
  const { interaction, nextStageLabel, now } = input;
  const commitment = newestCommitment(whatWasSaid(interaction, now), now);
  if (!commitment) return null;
  return {
    subject: tidy(commitment.sentence),
    dueDate: commitment.due ? localDate(commitment.due) : '',
    unblocks: nextStageLabel ? `Moves the deal toward ${nextStageLabel}.` : '',
    committedBy: commitment.by,
  };
}
