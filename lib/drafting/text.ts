/**
 * Sentences of a message as a person wrote them: quoted history, greetings and sign-offs left
 * out, in the six languages. A greeting names a person ("Bonjour Sam,", "Hallo Jan,"), and those
 * names must never be read as dates (Sam[edi], Jan[uary]).
 */
const GREETING =
  /^\s*(hi|hello|hey|dear|good (morning|afternoon)|hallo|hi|guten (morgen|tag)|liebe[rs]?|sehr geehrte[rs]?|moin|servus|bonjour|bonsoir|salut|cher|chère|hola|buenos días|buenas tardes|estimad[oa]s?|querid[oa]|olá|ola|oi|bom dia|boa tarde|prezad[oa]s?|car[oa]|hoi|goedemorgen|goedemiddag|beste|geachte)\b[^.!?\n]{0,60}?[,!:\n]/iu;

const SIGN_OFF =
  /^(thanks|thank you|many thanks|best|best regards|kind regards|regards|cheers|talk soon|danke|vielen dank|viele grüße|beste grüße|mit freundlichen grüßen|lg|gruß|merci|cordialement|bien à vous|bonne journée|à bientôt|gracias|saludos|un saludo|atentamente|obrigad[oa]|abraços?|atenciosamente|cumprimentos|bedankt|dank je( wel)?|groeten|met vriendelijke groet(en)?|groet)\b[\s,.!]*(\p{L}+[\s,.!]*)?$/iu;

/** "On Fri, Nov 20, 2026 Jane wrote:", "Am … schrieb …:", "Le … a écrit :", "El … escribió:", "Em … escreveu:", "Op … schreef …:" */
const QUOTE_HEADER =
  /^(on|am|le|el|em|op)\b.{0,200}\b(wrote|schrieb|a écrit|escribió|escreveu|schreef)\s*:?\s*$/imu;

/** The words people wrote in this message, without the quoted history under it. */
export function ownText(text: string): string {
  const lines = text.split(/\r?\n/);
  const kept: string[] = [];
  for (const line of lines) {
    if (QUOTE_HEADER.test(line.trim())) break;
    if (/^\s*>/.test(line)) continue;
    if (
      /^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|mensagem original|oorspronkelijk bericht)/i.test(
        line.trim(),
      )
    )
      break;
    kept.push(line);
  }
  return kept.join('\n');
}

/** Drops a leading greeting: "Bonjour Sam, je vous envoie…" → "je vous envoie…". */
export function withoutGreeting(text: string): string {
  return text.replace(GREETING, '').trimStart();
}

export function isSignOff(sentence: string): boolean {
  return SIGN_OFF.test(sentence.trim());
}

const ABBREVIATIONS =
  /(\b(e\.g|i\.e|z\.b|d\.h|p\.ex|p\.ej|ca|approx|etc|vs|nr|no|bzw|usw|evtl|ggf|mr|mrs|ms|dr|prof|st|sr|sra|srta|dhr|mevr|hr|fr|mme|m)\.|(^|\s)\d{1,2}\.)$/i;

const URL = /https?:\/\/\S+/g;

/** The sentence without links; a line that was only a label and a link has nothing left. */
function withoutLinks(sentence: string): string {
  const rest = sentence.replace(URL, ' ').replace(/\s+/g, ' ').trim();
  return rest === sentence ? rest : rest.replace(/\s*[:：]$/, '');
}

/** Two words at least, or a heading ("Actiepunten:") that says what the lines under it are. */
function hasContent(sentence: string): boolean {
  return (sentence.match(/\p{L}+/gu) ?? []).length >= 2 || /\p{L}{3,}\s*[:：]$/u.test(sentence);
}

/** Sentences of one message's own text, greeting and sign-off removed, in order. */
export function sentencesOf(text: string): string[] {
  const body = ownText(text);
  const out: string[] = [];
  let first = true;
  for (const rawLine of body.split(/\n+/)) {
    let line = rawLine.replace(/\s+/g, ' ').trim();
    if (!line) continue;
    if (first) {
      line = capitalize(withoutGreeting(line));
      first = false;
    }
    line = withoutLinks(line);
    if (!hasContent(line)) continue;
    // A sign-off after the text: the rest is a signature. A "Thanks Jane!" opening is skipped.
    if (isSignOff(line)) {
      if (out.length > 0) break;
      continue;
    }
    let buffer = '';
    for (const piece of line.split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}¿¡"“(])/u)) {
      buffer = buffer ? `${buffer} ${piece}` : piece;
      if (ABBREVIATIONS.test(buffer)) continue;
      if (hasContent(buffer)) out.push(buffer.replace(/^[-*•\d.)\s]+(?=\p{L})/u, ''));
      buffer = '';
    }
    if (buffer && hasContent(buffer)) out.push(buffer.replace(/^[-*•\d.)\s]+(?=\p{L})/u, ''));
  }
  return out;
}

/** A sentence shortened to `max` characters on a word boundary, with an ellipsis when cut. */
export function shorten(sentence: string, max: number): string {
  const clean = sentence.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export function isQuestion(sentence: string): boolean {
  return /\?\s*["”)]?$/.test(sentence.trim()) || /^[¿]/.test(sentence.trim());
}

/**
 * Lower case without accents, for matching cue words written with or without them. Keeps the
 * length, so a match's index in the folded text is its index in the original.
 */
export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const lower = char.toLowerCase();
    const base = lower.length === 1 ? lower.normalize('NFD')[0]! : char;
    out += base.length === 1 ? base : char;
  }
  return out;
}
