/**
 * Someone saying what will happen, in the six languages: "I'll send the pricing by Thursday",
 * "Ich schicke Ihnen das Angebot bis Donnerstag", "Je vous envoie le devis mardi", "Le enviaré la
 * propuesta el martes", "Envio a proposta na terça", "Ik stuur de offerte vrijdag". A question
 * asks for a commitment and is not one; a remark ("Friday works") is not one either. Cues are
 * matched on folded text (lower case, no accents).
 */
import type { Language } from './language';
import { fold, isQuestion } from './text';

const CUES: Record<Language, RegExp> = {
  en: /\b(will|shall|going to|happy to|plan(ning)? to|intend to|commit(ted)? to|promised? to|agreed to|let's|let us|i'll|we'll|you'll|they'll|he'll|she'll|i'm sending|we're sending|i am sending|we are sending)\b/,
  de: /\b(werde|werden|wird|wirst|schicke|schicken|sende|senden|melde mich|melden uns|melden sich|lass uns|lasst uns|lassen sie uns|kummere mich|kummern uns|ubernehme|ubernehmen|bereite|bereiten|organisiere|vereinbaren|vereinbart)\b/,
  fr: /\b(je vais|nous allons|on va|vais|allons|vont|j'enverrai|enverrai|enverrons|enverra|je vous envoie|nous vous envoyons|je reviens|je vous reviens|nous revenons|nous vous revenons|reviendrai|reviendrons|je m'engage|nous nous engageons|convenu|\p{L}{3,}(erai|erons|irai|irons))\b/u,
  es: /\b(voy a|vamos a|va a|van a|te envio|le envio|les envio|le enviamos|les enviamos|me comprometo|nos comprometemos|quedamos en|acordamos|(enviar|preparar|mandar|llamar|agendar|programar|revisar|confirmar|compartir|coordinar|organizar|actualizar|presentar|hablar)(e|emos|a|an)|hare|haremos|hara|haran)\b/,
  pt: /\b(vou|vamos|vai|vao|envio|enviamos|me comprometo|nos comprometemos|fico de|ficamos de|ficou de|combinamos|(enviar|preparar|mandar|ligar|agendar|marcar|revisar|confirmar|compartilhar|partilhar|organizar|atualizar|apresentar|falar)(ei|emos|a|ao)|farei|faremos|fara|farao)\b/,
  nl: /\b(zal|zullen|zult|ik stuur|we sturen|wij sturen|stuur ik|sturen we|laten we|ik ga|we gaan|wij gaan|gaan we|ik kom|ik neem|we nemen|ik regel|we regelen|plannen we|ik plan|spreken af|afgesproken)\b/,
};

/** "Next steps:", "Action items:" and their translations: what follows is a list of commitments. */
const ACTION_HEADING =
  /^(next steps?|action items?|actions?|to ?dos?|follow[- ]ups?|nachste schritte|aufgaben|to-dos|prochaines? etapes?|actions a mener|suite a donner|proximos pasos|acciones|tareas|proximos passos|acoes|tarefas|volgende stap(pen)?|actiepunten|acties)(\s*[:：-]\s*|\s*$)/;

/** "Jane to send…": the action-item form of a commitment. */
const ACTION_ITEM = /^\p{Lu}\p{Ll}+( \p{Lu}\p{Ll}+)?\s+to\s+\p{Ll}/u;

export function isActionHeading(sentence: string): boolean {
  return ACTION_HEADING.test(fold(sentence.trim()));
}

/** The sentence without an "Next step:" heading in front of it. */
export function withoutHeading(sentence: string): string {
  const match = ACTION_HEADING.exec(fold(sentence.trim()));
  return match ? sentence.trim().slice(match[0].length) : sentence.trim();
}

export function isCommitment(sentence: string, language: Language): boolean {
  if (isQuestion(sentence)) return false;
  const folded = fold(sentence.replace(/[’‘]/g, "'"));
  if (CUES.en.test(folded) || CUES[language].test(folded)) return true;
  return ACTION_ITEM.test(sentence.trim()) || ACTION_HEADING.test(folded);
}
