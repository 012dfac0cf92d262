/**
 * Drafts the next step from what was said: the latest sentence that names a date ("before
 * Thursday", "on Tuesday", "next week") becomes the subject and its date the due date. The rep
 * confirms or edits it; nothing is logged without that.
 */
import * as chrono from 'chrono-node';
import type { Interaction } from '../model';

export interface NextStepDraft {
  subject: string;
  /** YYYY-MM-DD in the rep's time zone. */
  dueDate: string;
  /** One sentence on what the next step unblocks. */
  unblocks: string;
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
}

function whatWasSaid(interaction: Interaction, now: Date): Said[] {
  if (interaction.kind === 'meeting') {
    const at = interaction.end ? new Date(interaction.end) : now;
    return [{ text: interaction.description, at }];
  }
  return [...interaction.messages]
    .reverse()
    .map((m) => ({ text: m.text, at: m.date ? new Date(m.date) : now }));
}

function firstDated(said: Said[]): { sentence: string; due: Date } | null {
  for (const { text, at } of said) {
    for (const sentence of sentences(text)) {
      const [found] = chrono.parse(sentence, at, { forwardDate: true });
      if (found && found.start.date().getTime() >= at.getTime() - 86_400_000) {
        return { sentence, due: found.start.date() };
      }
    }
  }
  return null;
}

function firstExternalName(interaction: Interaction): string | null {
  const people = interaction.kind === 'meeting' ? interaction.attendees : interaction.participants;
  const user = interaction.userEmail?.toLowerCase();
  const other = people.find((p) => p.email.toLowerCase() !== user);
  return other ? other.name || other.email : null;
}

export function draftNextStep(input: {
  interaction: Interaction;
  nextStageLabel: string | null;
  now: Date;
}): NextStepDraft {
  const { interaction, nextStageLabel, now } = input;
  const unblocks = nextStageLabel ? `Moves the deal toward ${nextStageLabel}.` : 'Keeps the deal moving.';
  const dated = firstDated(whatWasSaid(interaction, now));
  if (dated) {
    const due = dated.due.getTime() < now.getTime() ? addBusinessDays(now, 1) : dated.due;
    return { subject: tidy(dated.sentence), dueDate: localDate(due), unblocks };
  }
  const who = firstExternalName(interaction);
  return {
    subject: who ? `Follow up with ${who}` : 'Follow up',
    dueDate: localDate(addBusinessDays(now, 2)),
    unblocks,
  };
}
