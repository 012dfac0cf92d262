/**
 * When not to log at all (DESIGN.md "Never log"). Each rule names its reason so the panel can say
 * why nothing was matched.
 *
 * Precedence when several apply: excluded, internal-only, automated, bulk. Excluded comes first
 * because it is the admin's compliance rule and must be reported as such even when the thread is
 * also, say, an auto-reply; internal-only next because with no outsider there is nobody to match;
 * automated before bulk because a bounce or out-of-office from a newsletter sender is still a
 * machine reply, and "automated" is the more specific explanation.
 */
import { inDomainSet, localPart } from './address';
import type { Conversation, InboundMessage, Participant, Policy } from './participants';
import type { SkipReason } from './schema';

/** Lower-case, accents stripped, so "Réponse automatique" and "reponse automatique" compare equal. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Auto-reply, out-of-office and bounce subject openings (folded). Anchored at the start and
 * followed by a separator so a person's "Out of office next week — move our call?" is not one.
 */
const AUTOMATED_SUBJECT_PHRASES = [
  // English
  'automatic reply',
  'auto reply',
  'auto-reply',
  'autoreply',
  'auto-response',
  'auto response',
  'autoresponse',
  'out of office',
  'out of the office',
  'delivery status notification',
  'undeliverable',
  'undelivered mail',
  'mail delivery failure',
  'mail delivery failed',
  'mail delivery subsystem',
  'delivery failure',
  'returned mail',
  'failure notice',
  // German
  'automatische antwort',
  'abwesenheitsnotiz',
  'automatische abwesenheitsnotiz',
  'nicht im buro',
  'unzustellbar',
  'nicht zustellbar',
  'ruckmeldung zur zustellung',
  // French
  'reponse automatique',
  'absence du bureau',
  'absent du bureau',
  "message d'absence",
  'non remis',
  'echec de remise',
  'echec de la remise',
  // Spanish
  'respuesta automatica',
  'fuera de la oficina',
  'ausente de la oficina',
  'no se puede entregar',
  'no entregado',
  // Portuguese
  'resposta automatica',
  'ausente do escritorio',
  'fora do escritorio',
  'nao entregue',
  'nao foi possivel entregar',
  // Dutch
  'automatisch antwoord',
  'automatisch bericht',
  'niet aanwezig',
  'buiten kantoor',
  'onbestelbaar',
  'niet bezorgd',
  // Italian and Nordic, cheap to recognise
  'risposta automatica',
  'fuori sede',
  'fuori ufficio',
  'autosvar',
  'fravaerende',
  'fraanvaro',
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Words people also start ordinary subjects with; they count only as "Auto:", "OOO:" … */
const AUTOMATED_SUBJECT_TAGS = ['auto', 'ooo', 'abwesend', 'absence', 'afwezig', 'ausente', 'fora'];

const PHRASES = AUTOMATED_SUBJECT_PHRASES.map(escapeRegExp).join('|');
const TAGS = AUTOMATED_SUBJECT_TAGS.join('|');
const AUTOMATED_SUBJECT = new RegExp(
  `^\\s*(?:\\[\\s*(?:${PHRASES}|${TAGS})\\s*\\]|(?:${PHRASES})\\s*(?:[:：\\-–—(\\[]|$)|(?:${TAGS})\\s*[:：])`,
  'u',
);

/** Unsubscribe footers (folded), English, German, French, Spanish, Portuguese, Dutch, Italian. */
const UNSUBSCRIBE = new RegExp(
  `\\b(?:${[
    'unsubscribe',
    'to stop receiving these emails',
    'abmelden',
    'abbestellen',
    'se desabonner',
    'desabonner',
    'desabonnez',
    'desabonnement',
    'desinscrire',
    'desinscrivez',
    'desinscription',
    'darse de baja',
    'darte de baja',
    'date de baja',
    'cancelar (?:la )?suscripcion',
    'anular (?:la )?suscripcion',
    'cancelar (?:a )?inscricao',
    'cancelar (?:a )?assinatura',
    'descadastrar',
    'descadastre',
    'afmelden',
    'uitschrijven',
    'schrijf je uit',
    'meld je af',
    'annulla (?:l.)?iscrizione',
    'disiscriviti',
  ].join('|')})\\b`,
  'u',
);

/** Machine senders, compared with separators removed: no-reply, do_not_reply, mailer-daemon … */
export function isAutomatedSender(sender: Participant): boolean {
  const local = localPart(sender.key).replace(/[-_.]/g, '');
  if (local.includes('noreply') || local.includes('donotreply')) return true;
  if (/^(?:mailerdaemon|postmaster|notifications?|bounces?|autoreply|autoresponder)/.test(local)) return true;
  return /^mail delivery (?:subsystem|system)$/.test(foldText(sender.name));
}

const LIST_LOCAL_PARTS = new Set([
  'newsletter',
  'newsletters',
  'news',
  'marketing',
  'digest',
  'updates',
  'update',
  'announcements',
  'announce',
  'promotions',
  'promo',
  'offers',
  'mailing',
  'mailings',
  'campaign',
  'campaigns',
  'events',
  'webinar',
  'webinars',
]);

/** newsletter@, news-de@, marketing.eu@ …: the first token of the local part names a list. */
export function isListSender(sender: Participant): boolean {
  const first = localPart(sender.key).split(/[-_.]/)[0] ?? '';
  return LIST_LOCAL_PARTS.has(first);
}

export function isAutomatedSubject(subject: string): boolean {
  return AUTOMATED_SUBJECT.test(foldText(subject));
}

export function hasUnsubscribeFooter(text: string): boolean {
  return UNSUBSCRIBE.test(foldText(text));
}

type MessageKind = 'automated' | 'bulk' | 'person';

/**
 * A known contact writing from their own address is treated as a person even when the text
 * mentions unsubscribing ("please unsubscribe me", a marketing tool's footer in a signature): the
 * CRM already says this is someone the team talks to, and a missed log of a buyer's reply is the
 * costlier mistake.
 */
function classify(message: InboundMessage, isKnownContact: (key: string) => boolean): MessageKind {
  const { sender } = message;
  if (sender !== null && isAutomatedSender(sender)) return 'automated';
  if (sender !== null && isKnownContact(sender.key)) return 'person';
  if (sender !== null && isListSender(sender)) return 'bulk';
  return hasUnsubscribeFooter(message.text) ? 'bulk' : 'person';
}

/**
 * Only inbound messages are judged, and the thread is skipped only when every one of them is
 * automated or bulk: the rep's own "unsubscribe me from this?" never counts, and one real reply
 * from the customer — before or after an out-of-office — keeps the thread loggable. The subject
 * belongs to the whole thread (Gmail keeps the first message's), so an auto-reply subject skips it.
 */
export function skipReasonFor(
  conversation: Conversation,
  policy: Policy,
  isKnownContact: (key: string) => boolean,
): SkipReason | null {
  // "Any", not "all": an excluded party's words would still be copied into the CRM with the rest
  // of the thread, and exclusion is a compliance promise, so one excluded outsider taints it.
  if (conversation.external.some((p) => inDomainSet(p.domain, policy.excludedDomains))) return 'excluded';
  if (conversation.external.length === 0) return 'internal-only';
  if (isAutomatedSubject(conversation.subject)) return 'automated';
  if (conversation.inbound.length === 0) return null;
  let automated = false;
  for (const message of conversation.inbound) {
    const kind = classify(message, isKnownContact);
    if (kind === 'person') return null;
    automated ||= kind === 'automated';
  }
  return automated ? 'automated' : 'bulk';
}
