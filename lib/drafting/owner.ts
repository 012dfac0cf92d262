/**
 * Who owns a next step: the rep, unless the text names someone else who committed to it — a
 * customer writing "I'll get you the security questionnaire", or "Jane to send the SOC 2 report"
 * in the meeting notes.
 */
import type { Person } from '../model';
import type { Language } from './language';
import { fold } from './text';

/** The speaker commits themselves (first person), folded. "Let's…" is shared: the rep's. */
const FIRST_PERSON: Record<Language, RegExp> = {
  en: /\b(i|we|i'll|we'll|i'm|we're|i am|we are)\b/,
  de: /\b(ich|wir|schicke ich|sende ich|melde ich)\b/,
  fr: /\b(je|j'|nous|on)\b|^j'/,
  es: /\b(yo|nosotros|voy|vamos|le envio|te envio|les envio|me comprometo|nos comprometemos)\b|\b\p{L}+(are|aremos)\b/u,
  pt: /\b(eu|nos|vou|vamos|envio|enviamos|fico|ficamos)\b|\b\p{L}+(arei|aremos)\b/u,
  nl: /\b(ik|wij|we)\b/,
};

const JOINT =
  /\b(let's|let us|lass uns|lasst uns|lassen sie uns|laten we|on se|quedamos|combinamos|spreken af)\b/;

/** How people are named by their last name: "Herr Weber", "Mme Martin", "Dhr. Bakker". */
const HONORIFICS = [
  'Mr.',
  'Mr',
  'Mrs.',
  'Mrs',
  'Ms.',
  'Ms',
  'Herr',
  'Frau',
  'M.',
  'Mme',
  'Mlle',
  'Sr.',
  'Sra.',
  'Don',
  'Doña',
  'Dhr.',
  'Mevr.',
  'Mevrouw',
  'Meneer',
  'de heer',
];

function named(sentence: string, people: Person[]): Person | null {
  const start = sentence.trim();
  for (const person of people) {
    const full = person.name.trim();
    const parts = full.split(/\s+/);
    const first = parts[0] ?? '';
    const last = parts[parts.length - 1] ?? '';
    if (first.length < 2) continue;
    const formal = parts.length > 1 ? HONORIFICS.map((h) => `${h} ${last}`) : [];
    for (const name of [full, first, ...formal]) {
      if (start.startsWith(`${name} `) || start.startsWith(`${name}:`) || start.startsWith(`${name},`))
        return person;
    }
  }
  return null;
}

export function ownerOf(input: {
  sentence: string;
  speaker: Person | null;
  speakerIsRep: boolean;
  language: Language;
  rep: Person;
  people: Person[];
}): string {
  const { sentence, speaker, speakerIsRep, language, rep } = input;
  const others = input.people.filter((p) => p.email.toLowerCase() !== rep.email.toLowerCase());
  const person = named(sentence, others);
  if (person) return person.email.toLowerCase();
  const folded = fold(sentence.replace(/[’‘]/g, "'"));
  if (speaker && !speakerIsRep && !JOINT.test(folded)) {
    if (FIRST_PERSON.en.test(folded) || FIRST_PERSON[language].test(folded))
      return speaker.email.toLowerCase();
  }
  return rep.email.toLowerCase();
}
