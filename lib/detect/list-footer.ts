/**
 * Mailing-list and Google Groups footers are boilerplate the list appends to every message,
 * like quoted history: not what the person wrote, and not something to copy into the CRM.
 *
 * Found by what does not depend on the group's language: the list's own unsubscribe address
 * (`<group>+unsubscribe@…`, Mailman's `-leave@`/`-request@`), its web links
 * (`groups.google.com/d/msgid/…`, `…/mailman/listinfo/…`) and the separator above the footer
 * (`-- `, Mailman's underscores). The opening sentence is matched in the languages it was seen
 * in (below); in any other language the line naming Google's groups product is taken instead.
 */

/** A line that only a list footer contains. */
const LIST_CONTROL =
  /[\w.-]+\+unsubscribe@[\w-]+(?:\.[\w-]+)+|groups\.google\.com\/(?:d\/(?:msgid|optout|topic)|group\/|a\/)|\/mailman\/listinfo\/|\/postorius\/lists\/|[\w.]+-(?:leave|request|unsubscribe)@[\w-]+(?:\.[\w-]+)+/i;

/** `-- ` (signature separator, the Groups footer's first line) or Mailman's row of underscores. */
const SEPARATOR = /^(?:-{2,3}|_{10,})$/;

/**
 * The footer's opening sentence, as Google Groups writes it in English, German, French and
 * Russian ("You received this message because you are subscribed to the Google Groups …",
 * "Sie erhalten diese Nachricht, weil Sie in Google Groups …", "Vous recevez ce message, car
 * vous êtes abonné au groupe …", "Вы получили это сообщение, поскольку подписаны на группу …"),
 * and Mailman's "<list> mailing list".
 */
const OPENING =
  /^(?:you received this message because you are subscribed to|sie erhalten diese nachricht, weil sie|vous recevez ce message,? car vous êtes abonné|вы получили это сообщение, поскольку подписаны)|\bmailing list\b/iu;

/** The product name stays in every translation ("Google Groups", "Google グループ", "Grupos de Google"). */
const NAMES_GOOGLE_GROUPS = /\bgoogle\b/i;

/** A footer is a few lines; a list address in the middle of a long text is something else. */
const MAX_FOOTER_LINES = 8;

/** The text without a list footer at its end; unchanged when there is none. */
export function stripListFooter(text: string): string {
  if (!LIST_CONTROL.test(text)) return text;
  const lines = text.split('\n');
  const firstControl = lines.findIndex(
    (line, i) => LIST_CONTROL.test(line) && lines.length - i <= MAX_FOOTER_LINES,
  );
  if (firstControl < 0) return text;
  const start = footerStart(lines, firstControl);
  const kept = lines.slice(0, start);
  while (kept.length > 0 && kept[kept.length - 1]!.trim() === '') kept.pop();
  return kept.join('\n');
}

/**
 * Where the footer above its first list-control line begins: its opening sentence (with the
 * separator right above it), else the nearest separator, a few lines up at most. The opening
 * wins so that a signature between a `-- ` and the footer stays with the message.
 */
function footerStart(lines: string[], control: number): number {
  let opening = -1;
  let separator = -1;
  for (let i = control - 1; i >= 0 && control - i <= 4; i--) {
    const line = lines[i]!.trim();
    if (SEPARATOR.test(line)) {
      separator = i;
      break;
    }
    if (OPENING.test(line) || (i === control - 1 && NAMES_GOOGLE_GROUPS.test(line))) opening = i;
  }
  if (opening < 0) return separator >= 0 ? separator : control;
  const above = lines.slice(0, opening).findLastIndex((line) => line.trim() !== '');
  return above >= 0 && SEPARATOR.test(lines[above]!.trim()) ? above : opening;
}
