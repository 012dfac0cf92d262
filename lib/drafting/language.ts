/**
 * Which of the six languages the skip rules know a thread is written in, from its own words:
 * Gmail's `lang` is the rep's interface language, not the customer's. Function words are counted
 * because they are frequent, short and rarely shared across these six.
 */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

const WORDS: Record<Language, string[]> = {
  en: [
    'the',
    'and',
    'you',
    'we',
    'will',
    'to',
    'for',
    'with',
    'this',
    'our',
    'is',
    'on',
    'i',
    'it',
    'be',
    'can',
    'thanks',
    'next',
  ],
  de: [
    'der',
    'die',
    'das',
    'und',
    'wir',
    'ich',
    'sie',
    'ist',
    'nicht',
    'mit',
    'für',
    'auf',
    'bis',
    'ihnen',
    'uns',
    'den',
    'eine',
    'werde',
    'danke',
  ],
  fr: [
    'de',
    'le',
    'la',
    'les',
    'et',
    'nous',
    'vous',
    'je',
    'est',
    'pour',
    'avec',
    'une',
    'des',
    'du',
    'sur',
    'pas',
    'merci',
    'notre',
    'qui',
  ],
  es: [
    'de',
    'el',
    'la',
    'los',
    'las',
    'y',
    'que',
    'nosotros',
    'usted',
    'para',
    'con',
    'una',
    'es',
    'por',
    'del',
    'gracias',
    'nuestro',
    'nuestra',
    'muy',
  ],
  pt: [
    'de',
    'o',
    'a',
    'os',
    'as',
    'e',
    'que',
    'nós',
    'você',
    'para',
    'com',
    'uma',
    'é',
    'não',
    'do',
    'da',
    'obrigado',
    'obrigada',
    'nosso',
    'nossa',
    'em',
  ],
  nl: [
    'de',
    'het',
    'zal',
    'door',
    'naar',
    'ook',
    'dat',
    'wordt',
    'bij',
    'om',
    'een',
    'en',
    'wij',
    'we',
    'ik',
    'jullie',
    'u',
    'is',
    'niet',
    'met',
    'voor',
    'op',
    'van',
    'dank',
    'onze',
    'graag',
    'zijn',
  ],
};

const TABLES = LANGUAGES.map((lang) => [lang, new Set(WORDS[lang])] as const);

export function isLanguage(value: string | null | undefined): value is Language {
  return (LANGUAGES as readonly string[]).includes(value ?? '');
}

/**
 * The language with the most function words in `text`; `hint` (the page's language) breaks a
 * tie or decides when the text is too short to tell, else English.
 */
export function guessLanguage(text: string, hint?: string | null): Language {
  const fallback = hint?.toLowerCase().split(/[-_]/)[0];
  const counts = new Map<Language, number>(LANGUAGES.map((l) => [l, 0]));
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    for (const [lang, table] of TABLES) if (table.has(word)) counts.set(lang, counts.get(lang)! + 1);
  }
  let best: Language | null = null;
  let bestCount = 0;
  for (const [lang, count] of counts) {
    if (count > bestCount || (count === bestCount && count > 0 && lang === fallback)) {
      best = lang;
      bestCount = count;
    }
  }
  if (best && bestCount >= 2) return best;
  return isLanguage(fallback) ? fallback : 'en';
}
