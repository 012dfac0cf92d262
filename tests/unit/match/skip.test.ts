import { describe, expect, it } from 'vitest';
import { hasUnsubscribeFooter, isAutomatedSubject, matchScenario } from '../../../lib/match';
import { message, scenario, thread } from './builders';

const SAM = 'sam@ourco.com';

function skipOf(messages: ReturnType<typeof message>[], subject = 'Pricing', extra = {}) {
  const people = [...new Set(messages.flatMap((m) => [m.from.email, ...m.to.map((t) => t.email)]))];
  return matchScenario(scenario(thread(people, { subject, messages }), extra)).skipReason;
}

describe('automated subjects', () => {
  it.each([
    ['en', 'Automatic reply: Pricing'],
    ['en', 'Auto: Pricing'],
    ['en', 'Out of Office: Re: Pricing'],
    ['en', '[Out of Office] Pricing'],
    ['en', 'OOO: back Monday'],
    ['en', 'Delivery Status Notification (Failure)'],
    ['en', 'Undeliverable: Pricing'],
    ['en', 'Mail Delivery Failure'],
    ['en', 'Mail delivery failed: returning message to sender'],
    ['de', 'Abwesenheitsnotiz: Angebot'],
    ['de', 'Automatische Antwort: Angebot'],
    ['de', 'Unzustellbar: Angebot'],
    ['fr', 'Réponse automatique : Proposition'],
    ['fr', 'REPONSE AUTOMATIQUE: Proposition'],
    ['fr', 'Absence du bureau'],
    ['es', 'Respuesta automática: Propuesta'],
    ['es', 'Fuera de la oficina: Propuesta'],
    ['pt', 'Resposta automática: Proposta'],
    ['pt', 'Ausente do escritório - Proposta'],
    ['nl', 'Afwezig: Offerte'],
    ['nl', 'Automatisch antwoord: Offerte'],
    ['it', 'Risposta automatica: Offerta'],
  ])('%s: "%s" is automated', (_lang, subject) => {
    expect(isAutomatedSubject(subject)).toBe(true);
  });

  it.each([
    'Out of office next week — move our call?',
    'Auto renewal terms for 2027',
    'Absence of SSO is a blocker',
    'Re: Pricing',
    'Automation roadmap',
    'Afwezigheid van het team in december',
    '',
  ])('"%s" is a person\'s subject', (subject) => {
    expect(isAutomatedSubject(subject)).toBe(false);
  });
});

describe('unsubscribe footers', () => {
  it.each([
    ['en', 'To unsubscribe, click here.'],
    ['de', 'Vom Newsletter abmelden'],
    ['de', 'Newsletter abbestellen'],
    ['fr', 'Se désabonner'],
    ['fr', 'Pour vous désinscrire, cliquez ici'],
    ['es', 'Puede darse de baja aquí'],
    ['es', 'Cancelar suscripción'],
    ['pt', 'Cancelar inscrição'],
    ['pt', 'Para descadastrar clique aqui'],
    ['nl', 'Afmelden voor deze nieuwsbrief'],
    ['nl', 'Uitschrijven'],
  ])('%s: "%s"', (_lang, text) => {
    expect(hasUnsubscribeFooter(`News of the month.\n\n${text}`)).toBe(true);
  });

  it('does not fire on ordinary text', () => {
    expect(hasUnsubscribeFooter('Happy to subscribe to the annual plan; please send the order form.')).toBe(
      false,
    );
  });
});

describe('skip rules', () => {
  it.each([
    'noreply@acme.com',
    'no-reply@acme.com',
    'no_reply@acme.com',
    'donotreply@acme.com',
    'do-not-reply@acme.com',
    'mailer-daemon@acme.com',
    'postmaster@acme.com',
    'notifications@acme.com',
    'bounce+x12@acme.com',
    'calendar-noreply@acme.com',
  ])('mail only from %s is automated', (sender) => {
    expect(skipOf([message(sender, [SAM], 'Your report is ready')], 'Weekly report')).toBe('automated');
  });

  it.each([
    'newsletter@globex.com',
    'news@globex.com',
    'marketing@globex.com',
    'digest@globex.com',
    'updates@globex.com',
  ])('mail only from %s is bulk', (sender) => {
    expect(skipOf([message(sender, [SAM], 'Our top stories')], 'November')).toBe('bulk');
  });

  it('does not treat a list-like address that is a known contact as bulk', () => {
    const crm = {
      contacts: [{ id: 'c1', email: 'news@globex.com', name: 'Globex Newsroom', accountId: 'a1' }],
      accounts: [{ id: 'a1', name: 'Globex', domain: 'globex.com' }],
      opportunities: [{ id: 'o1', name: 'Globex PR', accountId: 'a1', isClosed: false, contactIds: ['c1'] }],
    };
    expect(skipOf([message('news@globex.com', [SAM], 'Unsubscribe')], 'Press kit', { crm })).toBeNull();
  });

  it('judges only inbound messages: the rep saying "unsubscribe" does not skip a deal thread', () => {
    const messages = [
      message('jane@acme.com', [SAM], 'Signed quote attached.'),
      message(SAM, ['jane@acme.com'], 'Thanks! Can you unsubscribe me from your newsletter?'),
    ];
    expect(skipOf(messages)).toBeNull();
  });

  it('keeps a thread when one inbound message is from a person, before or after a machine one', () => {
    const notice = message('no-reply@acme.com', [SAM], 'A form was submitted');
    const reply = message('jane@acme.com', [SAM], 'That was me');
    expect(skipOf([notice, reply])).toBeNull();
    expect(skipOf([reply, notice])).toBeNull();
  });

  it('skips a thread whose inbound mail is all machine or list mail, as automated', () => {
    const messages = [
      message('newsletter@globex.com', [SAM], 'Top stories. Unsubscribe'),
      message('mailer-daemon@globex.com', [SAM], 'Delivery failed'),
    ];
    expect(skipOf(messages, 'Globex news')).toBe('automated');
  });

  it('does not skip a thread with only the rep writing out', () => {
    expect(skipOf([message(SAM, ['jane@acme.com'], 'Following up. Unsubscribe info below.')])).toBeNull();
  });

  it('skips when any outsider is on an excluded domain, ahead of every other reason', () => {
    const settings = { internalDomains: ['ourco.com'], excludedDomains: ['contoso-legal.com'] };
    const messages = [message('counsel@eu.contoso-legal.com', [SAM, 'jane@acme.com'], 'Unsubscribe')];
    expect(skipOf(messages, 'Automatic reply: redlines', { settings })).toBe('excluded');
  });

  it('puts internal-only ahead of automated', () => {
    expect(skipOf([message('noreply@ourco.com', [SAM], '')], 'Automatic reply: hi')).toBe('internal-only');
  });
});
