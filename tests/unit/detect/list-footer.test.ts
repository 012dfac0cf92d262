/** List footers are boilerplate: out of the text the CRM gets, and out of the bulk-mail judgement. */
import { describe, expect, it } from 'vitest';
import { completeInteraction } from '../../../lib/detect/complete';
import { stripListFooter } from '../../../lib/detect/list-footer';
import { matchScenario } from '../../../lib/match';
import type { MatchScenario } from '../../../lib/match/schema';
import type { EmailThread } from '../../../lib/model';

const GROUPS_EN = [
  '--',
  'You received this message because you are subscribed to the Google Groups "Acme Buyers" group.',
  'To unsubscribe from this group and stop receiving emails from it, send an email to buyers+unsubscribe@acme.com.',
  'To view this discussion visit https://groups.google.com/a/acme.com/d/msgid/buyers/CAKx7Qp2%40mail.gmail.com.',
].join('\n');

describe('stripListFooter', () => {
  it('cuts a Google Groups footer and keeps the signature above it', () => {
    const text = `We are ready to sign.\nCarl\n--\nCarl Procure, Acme\n${GROUPS_EN.replace('--\n', '')}`;
    expect(stripListFooter(text)).toBe('We are ready to sign.\nCarl\n--\nCarl Procure, Acme');
    expect(stripListFooter(`We are ready to sign.\n\n${GROUPS_EN}`)).toBe('We are ready to sign.');
  });

  it('cuts footers in other languages: by their opening sentence, else by the address and the product name', () => {
    const text = [
      'Понедельник подходит.',
      '--',
      'Вы получили это сообщение, поскольку подписаны на группу "Закупки".',
      'Чтобы отменить подписку на эту группу и больше не получать от нее сообщения, отправьте письмо на электронный адрес zakupki+unsubscribe@romashka.ru.',
    ].join('\n');
    expect(stripListFooter(text)).toBe('Понедельник подходит.');
    const japanese =
      '確認しました。\nこのメールは Google グループのグループ「購買部」の登録者に送られています。\nこのグループから退会するには kobai+unsubscribe@sakura.co.jp にメールを送信してください。';
    expect(stripListFooter(japanese)).toBe('確認しました。');
  });

  it('cuts Mailman 2 and 3 footers', () => {
    const v2 =
      'SSO is live.\n_______________________________________________\nPilot-users mailing list\npilot-users@lists.initech.com\nhttps://lists.initech.com/mailman/listinfo/pilot-users';
    expect(stripListFooter(v2)).toBe('SSO is live.');
    const v3 =
      'SSO is live.\n_______________________________________________\npilot mailing list -- pilot@lists.initech.com\nTo unsubscribe send an email to pilot-leave@lists.initech.com';
    expect(stripListFooter(v3)).toBe('SSO is live.');
  });

  it('keeps what a person wrote: a list address mentioned early, or no footer at all', () => {
    const early = [
      'Please send the unsubscribe request to buyers+unsubscribe@acme.com for Tom.',
      ...Array.from({ length: 9 }, (_, i) => `Point ${i + 1} of the contract.`),
    ].join('\n');
    expect(stripListFooter(early)).toBe(early);
    expect(stripListFooter('Thanks!\n--\nJane Doe\nAcme')).toBe('Thanks!\n--\nJane Doe\nAcme');
  });
});

describe('a customer writing through a Google Group', () => {
  const thread: EmailThread = {
    kind: 'email-thread',
    threadId: '198ead715a5c0001',
    subject: 'Ready to sign',
    messages: [
      {
        id: '198ead715a5c0001',
        permId: null,
        from: { email: 'carl@acme.com', name: 'Carl Procure' },
        to: [{ email: 'sam@ourco.com', name: 'Sam Rep' }],
        date: null,
        state: 'expanded',
        text: `We are ready to sign for 250 seats.\n${GROUPS_EN}`,
      },
    ],
    participants: [
      { email: 'carl@acme.com', name: 'Carl Procure' },
      { email: 'sam@ourco.com', name: 'Sam Rep' },
    ],
  };
  const scenario = (interaction: EmailThread): MatchScenario => ({
    user: { email: 'sam@ourco.com', crmUserId: 'u1' },
    settings: { internalDomains: ['ourco.com'], excludedDomains: [], personalDomains: ['gmail.com'] },
    interaction,
    crm: {
      contacts: [],
      accounts: [{ id: 'a1', name: 'Acme', domain: 'acme.com' }],
      opportunities: [
        {
          id: 'o1',
          name: 'Acme — Expansion',
          accountId: 'a1',
          stage: 'Proposal',
          isClosed: false,
          ownerId: 'u1',
          amount: 50000,
          closeDate: '2026-12-15',
          lastActivityAt: '2026-11-10T09:00:00Z',
          contactIds: [],
        },
      ],
    },
    history: { threadOpportunity: {} },
    now: '2026-11-22T10:00:00Z',
  });

  it('is matched to the deal, not skipped as list mail because of the footer', () => {
    expect(matchScenario(scenario(thread)).skipReason).toBe('bulk');
    const completed = completeInteraction(thread) as EmailThread;
    expect(completed.messages[0]!.text).toBe('We are ready to sign for 250 seats.');
    expect(matchScenario(scenario(completed))).toMatchObject({ decision: 'attach', opportunityId: 'o1' });
  });
});
