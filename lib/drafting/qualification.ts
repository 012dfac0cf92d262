/**
 * Qualification suggestions for the admin's framework, each with the sentence it came from. A
 * field is suggested only when a sentence says something about it; the rep accepts or overrides
 * each one. In a thread only the customer's words count: the rep's own claims are not evidence.
 * Values are short where the text allows (an amount, a date, a title and name), else the
 * sentence itself.
 */
import {
  QUALIFICATION_FIELDS,
  type Framework,
  type QualificationField,
  type QualificationSuggestion,
} from './contract';
import { isCommitment } from './commitments';
import { dateIn } from './dates';
import type { Language } from './language';
import { CUES, TITLE } from './qualification-cues';
import type { Utterance } from './said';
import { fold, isQuestion, shorten } from './text';

const MAX_VALUE = 120;
const MAX_EVIDENCE = 300;

const NUMBER = '\\d{1,3}(?:[.,\\s\\u00a0\\u202f]\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?';
const MONEY = new RegExp(
  `(?:R\\$|US\\$|[$€£])\\s?(?:${NUMBER})(?:\\s?(?:millionen|millions?|millones|milhões|miljoen|mil|k|m)\\b)?|(?:${NUMBER})\\s?(?:k|m)?\\s?(?:€|euros?|EUR|dollars?|USD|pounds|GBP)`,
  'iu',
);
const QUANTITY =
  /\d[\d.,]*\s?(%|percent|Prozent|pour ?cent|por ?ciento|por ?cento|procent|hours?|days?|weeks?|Stunden|Tage|heures|jours|horas|dias|días|uur|dagen)(\s+(a|per|each|every|pro|par|por|cada|elke|jede|chaque|in der|na|al|à la|la)\s+\p{L}+)?/iu;

const SELF = /\b(i'm|i am|ich bin|je suis|soy|sou|ik ben)\b/;

/**
 * A title and the capitalised name next to it: "our CFO, Maria Lopez, signs" → "CFO Maria
 * Lopez"; "I'm the VP of Operations" takes the writer's name.
 */
function buyer(sentence: string, speaker: string | null): string | null {
  const match = TITLE.exec(fold(sentence));
  if (!match) return null;
  const title = sentence.slice(match.index, match.index + match[0].length);
  const after = sentence.slice(match.index + match[0].length);
  const before = sentence.slice(0, match.index);
  const name =
    /^[\s,(]*((?:\p{Lu}\p{Ll}+)(?:[\s-]\p{Lu}\p{Ll}+)+)/u.exec(after)?.[1] ??
    /((?:\p{Lu}\p{Ll}+)(?:[\s-]\p{Lu}\p{Ll}+)+)[\s,(]*(?:\(|,|our|unser|notre|nuestr[oa]|noss[oa]|onze)?\s*$/u.exec(
      before,
    )?.[1];
  if (name) return `${title} ${name}`;
  return speaker && SELF.test(fold(before.replace(/[’‘]/g, "'"))) ? `${title} ${speaker}` : title;
}

function valueFor(field: QualificationField, sentence: string, u: Utterance, language: Language): string {
  switch (field) {
    case 'budget': {
      const money = MONEY.exec(sentence)?.[0];
      if (money) return money.trim();
      break;
    }
    case 'metrics': {
      const quantity = QUANTITY.exec(sentence)?.[0];
      if (quantity) return shorten(quantity.trim(), MAX_VALUE);
      break;
    }
    case 'timeline': {
      const day = dateIn(sentence, language, u.at);
      if (day) return day;
      break;
    }
    case 'economicBuyer':
    case 'authority': {
      const who = buyer(sentence, u.by?.name.trim() || null);
      if (who) return who;
      break;
    }
    default:
      break;
  }
  return shorten(sentence, MAX_VALUE);
}

function evidenceFor(field: QualificationField, u: Utterance, language: Language): boolean {
  const folded = fold(u.sentence.replace(/[’‘]/g, "'"));
  if (!CUES[field].test(folded)) return false;
  // A timeline needs a date to be one; "the launch went well" is not.
  if (field === 'timeline') return dateIn(u.sentence, language, u.at) !== null || /\bq[1-4]\b/.test(folded);
  return true;
}

export function suggestQualification(input: {
  said: Utterance[];
  framework: Framework;
  language: Language;
  isThread: boolean;
}): QualificationSuggestion[] {
  const { framework, language } = input;
  const said = input.said.filter((u) => !(input.isThread && u.byRep) && !isQuestion(u.sentence));
  const out: QualificationSuggestion[] = [];
  for (const field of QUALIFICATION_FIELDS[framework]) {
    // The newest evidence first: what the customer said last is what holds now. A statement
    // beats a commitment ("we will send the requirements" says little about the criteria).
    const found = said.filter((u) => evidenceFor(field, u, language)).reverse();
    const best = found.find((u) => !isCommitment(u.sentence, language)) ?? found[0];
    if (best) {
      out.push({
        field,
        value: valueFor(field, best.sentence, best, language),
        evidence: shorten(best.sentence, MAX_EVIDENCE),
      });
    }
  }
  return out;
}
