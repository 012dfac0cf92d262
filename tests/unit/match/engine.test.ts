import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCrmIndex, DEFAULT_PERSONAL_DOMAINS, matchScenario, MatchScenario } from '../../../lib/match';
import { ACME_BOOK, expectWellFormed, meeting, NOW, scenario, thread, USER } from './builders';

afterEach(() => {
  vi.useRealTimers();
});

describe('matchScenario', () => {
  it('attaches to the open deal the people are on, with reasons a rep can read', () => {
    const result = matchScenario(scenario(thread(['jane@acme.com', 'sam@ourco.com', 'bob@acme.com'])));
    expectWellFormed(result);
    expect(result).toMatchObject({ decision: 'attach', opportunityId: 'o1', skipReason: null });
    expect(result.candidates[0]).toEqual({
      opportunityId: 'o1',
      score: 0.9,
      reasons: [
        'Jane Doe and Bob Buyer are contacts on this deal',
        'you own it',
        'last activity 3 days ago',
        'late stage (Proposal)',
      ],
    });
    expect(result.candidates[1]?.reasons[0]).toBe("Acme's open deal (jane@acme.com and 1 other work there)");
  });

  it('says how many of the outside people are on the deal', () => {
    const result = matchScenario(scenario(thread(['jane@acme.com', 'bob@acme.com', 'newhire@acme.com'])));
    expect(result.candidates[0]?.reasons[0]).toBe(
      '2 of 3 people are contacts on this deal (Jane Doe, Bob Buyer)',
    );
  });

  it('never lists a closed deal, even when everyone is a contact on it', () => {
    const result = matchScenario(scenario(thread(['jane@acme.com', 'bob@acme.com', 'carl@acme.com'])));
    expect(result.candidates.map((c) => c.opportunityId)).not.toContain('o3');
  });

  it('treats a meeting like a thread with the same people', () => {
    const people = ['sam@ourco.com', 'jane@acme.com', 'carl@acme.com'];
    const asThread = matchScenario(scenario(thread(people)));
    const asMeeting = matchScenario(scenario(meeting(people)));
    expect(asMeeting).toEqual(asThread);
  });

  it('is deterministic for a given `now`, whatever the clock says', () => {
    const input = scenario(thread(['jane@acme.com', 'carl@acme.com']));
    const first = matchScenario(input);
    vi.useFakeTimers({ now: new Date('2031-01-01T00:00:00Z') });
    expect(matchScenario(input)).toEqual(first);
  });

  it('measures recency against the clock when no `now` is given', () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T09:00:00Z') });
    const input = scenario(thread(['jane@acme.com']));
    delete input.now;
    expect(matchScenario(input).candidates[0]?.reasons).toContain('last activity yesterday');
  });

  it('flags a stale deal and a passed close date, and ranks it lower', () => {
    const stale = MatchScenario.parse({
      user: USER,
      now: NOW,
      interaction: thread(['jane@acme.com']),
      crm: {
        ...ACME_BOOK,
        opportunities: ACME_BOOK.opportunities.map((o) =>
          o.id === 'o1' ? { ...o, lastActivityAt: '2026-10-08T09:00:00Z', closeDate: '2026-11-01' } : o,
        ),
      },
    });
    const result = matchScenario(stale);
    expect(result.candidates[0]?.reasons).toEqual(
      expect.arrayContaining(['no activity in 45 days', 'close date passed (2026-11-01)']),
    );
    expect(result.candidates[0]?.score).toBe(0.65);
  });

  it('asks when the same contact is on two of your deals', () => {
    const crm = {
      ...ACME_BOOK,
      opportunities: [
        ...ACME_BOOK.opportunities,
        {
          id: 'o5',
          name: 'Acme — Training',
          accountId: 'a1',
          isClosed: false,
          ownerId: 'u1',
          contactIds: ['c1'],
        },
      ],
    };
    const result = matchScenario(scenario(thread(['jane@acme.com']), { crm }));
    expect(result.decision).toBe('ask');
    expect(result.opportunityId).toBeNull();
    expect(result.candidates.slice(0, 2).map((c) => c.opportunityId)).toEqual(['o1', 'o5']);
  });

  it('follows an earlier choice for the thread while that deal is open, and ignores it once closed', () => {
    const people = ['jane@acme.com', 'bob@acme.com'];
    const chosen = matchScenario(
      scenario(thread(people, { threadId: 'T9' }), { history: { threadOpportunity: { T9: 'o2' } } }),
    );
    expect(chosen).toMatchObject({ decision: 'attach', opportunityId: 'o2' });
    expect(chosen.candidates[0]).toMatchObject({ score: 1 });
    expect(chosen.candidates[0]?.reasons[0]).toBe('you chose this deal for this thread before');

    const closed = matchScenario(
      scenario(thread(people, { threadId: 'T9' }), { history: { threadOpportunity: { T9: 'o3' } } }),
    );
    expect(closed).toMatchObject({ decision: 'attach', opportunityId: 'o1' });
    const otherThread = matchScenario(
      scenario(thread(people, { threadId: 'T8' }), { history: { threadOpportunity: { T9: 'o2' } } }),
    );
    expect(otherThread.opportunityId).toBe('o1');
  });

  it('returns none when outsiders have no open deal, and skip with empty candidates otherwise', () => {
    expect(matchScenario(scenario(thread(['stranger@elsewhere.org'])))).toEqual({
      decision: 'none',
      opportunityId: null,
      skipReason: null,
      candidates: [],
    });
    expect(matchScenario(scenario(thread(['lea@ourco.com', 'sam@ourco.com'])))).toEqual({
      decision: 'skip',
      opportunityId: null,
      skipReason: 'internal-only',
      candidates: [],
    });
  });

  it('counts the user as internal even on a free-mail address, and colleagues on their domain by default', () => {
    const freelancer = MatchScenario.parse({
      user: { email: 'Sam.Rep@gmail.com' },
      now: NOW,
      crm: ACME_BOOK,
      interaction: thread(['samrep@gmail.com', 'friend@gmail.com']),
    });
    expect(matchScenario(freelancer).decision).toBe('none');

    const noSettings = MatchScenario.parse({
      user: USER,
      now: NOW,
      crm: ACME_BOOK,
      interaction: thread(['lea@ourco.com', 'sam@ourco.com']),
    });
    expect(matchScenario(noSettings).skipReason).toBe('internal-only');
  });

  it('leaves out ownership when the CRM user is unknown', () => {
    const input = scenario(thread(['jane@acme.com']), { user: { email: USER.email } });
    const reasons = matchScenario(input).candidates.flatMap((c) => c.reasons);
    expect(reasons).not.toContain('you own it');
    expect(reasons).not.toContain('owned by a colleague');
  });

  it('offers every deal when one address belongs to contacts on two accounts', () => {
    const crm = {
      ...ACME_BOOK,
      contacts: [
        ...ACME_BOOK.contacts,
        { id: 'c9', email: 'JANE@acme.com', name: 'Jane (Globex board)', accountId: 'a2' },
      ],
      opportunities: ACME_BOOK.opportunities.map((o) =>
        o.id === 'o4' ? { ...o, contactIds: ['c4', 'c9'] } : o,
      ),
    };
    const result = matchScenario(scenario(thread(['jane@acme.com']), { crm }));
    expect(result.candidates.map((c) => c.opportunityId)).toEqual(expect.arrayContaining(['o1', 'o4']));
  });

  it('does not count a no-reply address in the thread as a person', () => {
    const result = matchScenario(scenario(thread(['jane@acme.com', 'sam@ourco.com', 'no-reply@acme.com'])));
    expect(result.candidates[0]?.reasons[0]).toBe('Jane Doe is a contact on this deal');
  });

  it('gives the same answer with a prebuilt index', () => {
    const input = scenario(thread(['carl@acme.com', 'gina@globex.com']));
    expect(matchScenario(input, buildCrmIndex(input.crm))).toEqual(matchScenario(input));
  });

  it('applies the documented defaults', () => {
    const parsed = MatchScenario.parse({ user: USER, crm: {}, interaction: thread(['a@b.com']) });
    expect(parsed.settings.internalDomains).toEqual([]);
    expect(parsed.settings.excludedDomains).toEqual([]);
    for (const d of [
      'gmail.com',
      'googlemail.com',
      'yahoo.com',
      'outlook.com',
      'hotmail.com',
      'icloud.com',
    ]) {
      expect(DEFAULT_PERSONAL_DOMAINS).toContain(d);
    }
    for (const d of ['aol.com', 'proton.me', 'protonmail.com', 'gmx.de', 'web.de', 'live.com', 'me.com']) {
      expect(parsed.settings.personalDomains).toContain(d);
    }
    expect(parsed.history.threadOpportunity).toEqual({});
  });
});
