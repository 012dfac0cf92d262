/**
 * Properties over generated scenarios on a small random CRM: three accounts, a pool of addresses
 * (company, subdomain, plus-tagged, upper-case, free-mail, unknown), random deals open and closed,
 * random contact roles and history.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchScenario, MatchScenario } from '../../../lib/match';
import type { Interaction, Person } from '../../../lib/model';
import { expectWellFormed, NOW, USER } from './builders';

const DOMAINS = ['acme.com', 'globex.com', 'initech.com'];
const POOL = [
  ...DOMAINS.flatMap((d) => ['ann', 'ben', 'cat'].map((n) => `${n}@${d}`)),
  'dan@eu.acme.com',
  'Ann+deal@ACME.com',
  'eve@gmail.com',
  'fay@gmail.com',
  'gus@elsewhere.org',
  'no-reply@globex.com',
];
const INTERNAL = ['sam@ourco.com', 'SAM@OURCO.COM', 'lea@ourco.com', 'max@eu.ourco.com'];
const STAGES = ['Discovery', 'Demo', 'Proposal', 'Negotiation', 'Closed Won'];
const DAY = 86_400_000;

const crmArb = fc
  .record({
    contacts: fc.array(fc.record({ email: fc.constantFrom(...POOL), account: fc.nat(3) }), { maxLength: 10 }),
    opportunities: fc.array(
      fc.record({
        account: fc.nat(3),
        isClosed: fc.boolean(),
        owner: fc.constantFrom('u1', 'u2', null),
        contacts: fc.uniqueArray(fc.nat(9), { maxLength: 4 }),
        activityDaysAgo: fc.option(fc.nat(120)),
        closeInDays: fc.option(fc.integer({ min: -60, max: 120 })),
        stage: fc.constantFrom(...STAGES),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ contacts, opportunities }) => ({
    accounts: DOMAINS.map((domain, i) => ({ id: `a${i}`, name: domain.split('.')[0] ?? domain, domain })),
    contacts: contacts.map((c, i) => ({
      id: `c${i}`,
      email: c.email,
      name: `Contact ${i}`,
      accountId: c.account < DOMAINS.length ? `a${c.account}` : null,
    })),
    opportunities: opportunities.map((o, i) => ({
      id: `o${i}`,
      name: `Deal ${i}`,
      accountId: o.account < DOMAINS.length ? `a${o.account}` : null,
      stage: o.stage,
      isClosed: o.isClosed,
      ownerId: o.owner,
      closeDate:
        o.closeInDays === null
          ? null
          : new Date(Date.parse(NOW) + o.closeInDays * DAY).toISOString().slice(0, 10),
      lastActivityAt:
        o.activityDaysAgo === null ? null : new Date(Date.parse(NOW) - o.activityDaysAgo * DAY).toISOString(),
      contactIds: o.contacts.map((c) => `c${c}`),
    })),
  }));

const caseArb = fc.record({
  crm: crmArb,
  kind: fc.constantFrom('email-thread' as const, 'meeting' as const),
  people: fc.uniqueArray(fc.constantFrom(...POOL, ...INTERNAL), { minLength: 1, maxLength: 6 }),
  senderPick: fc.nat(),
  remembered: fc.option(
    fc.oneof(
      fc.nat(8).map((i) => `o${i}`),
      fc.constant('ghost'),
    ),
  ),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

const person = (email: string): Person => ({ email, name: '' });

/** The sender is chosen by identity, not by position, so reordering or adding people keeps it. */
function senderOf(c: Case): string {
  const sorted = [...c.people].sort();
  return sorted[c.senderPick % sorted.length] ?? USER.email;
}

function build(c: Case, order: readonly string[], sender = senderOf(c)): MatchScenario {
  const interaction: Interaction =
    c.kind === 'meeting'
      ? {
          kind: 'meeting',
          eventId: 'ev1',
          calendarId: null,
          title: 'Weekly sync',
          start: null,
          end: null,
          attendees: order.map(person),
          conferenceUrl: null,
          description: '',
        }
      : {
          kind: 'email-thread',
          threadId: 'ev1',
          subject: 'Weekly sync',
          messages: [
            {
              id: null,
              permId: null,
              from: person(sender),
              to: order.filter((p) => p !== sender).map(person),
              date: null,
              state: 'expanded',
              text: 'See you then.',
            },
          ],
          participants: order.map(person),
        };
  return MatchScenario.parse({
    user: USER,
    settings: { internalDomains: ['ourco.com'], personalDomains: ['gmail.com'] },
    now: NOW,
    interaction,
    crm: c.crm,
    history: c.remembered === null ? {} : { threadOpportunity: { ev1: c.remembered } },
  });
}

const RUNS = { numRuns: 400 };

describe('matching properties', () => {
  it('never offers or attaches to a closed opportunity', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const result = matchScenario(build(c, c.people));
        expectWellFormed(result);
        const closed = new Set(c.crm.opportunities.filter((o) => o.isClosed).map((o) => o.id));
        for (const candidate of result.candidates) expect(closed.has(candidate.opportunityId)).toBe(false);
        if (result.opportunityId !== null) expect(closed.has(result.opportunityId)).toBe(false);
      }),
      RUNS,
    );
  });

  it('gives the same decision and top candidate whatever the participant order', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) =>
          fc.tuple(fc.constant(c), fc.shuffledSubarray(c.people, { minLength: c.people.length })),
        ),
        ([c, shuffled]) => {
          const a = matchScenario(build(c, c.people));
          const b = matchScenario(build(c, shuffled));
          expect(b.decision).toBe(a.decision);
          expect(b.skipReason).toBe(a.skipReason);
          expect(b.opportunityId).toBe(a.opportunityId);
          expect(b.candidates[0]?.opportunityId).toBe(a.candidates[0]?.opportunityId);
          expect(b.candidates.map((x) => [x.opportunityId, x.score])).toEqual(
            a.candidates.map((x) => [x.opportunityId, x.score]),
          );
        },
      ),
      RUNS,
    );
  });

  it('does not change its answer when a colleague is added', () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom(...INTERNAL), fc.nat(), (c, colleague, at) => {
        const before = matchScenario(build(c, c.people));
        const people = [...c.people];
        people.splice(at % (people.length + 1), 0, colleague);
        const after = matchScenario(build(c, [...new Set(people)], senderOf(c)));
        expect(after.decision).toBe(before.decision);
        expect(after).toEqual(before);
      }),
      RUNS,
    );
  });
});
