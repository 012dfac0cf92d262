/** Small, readable scenarios for the matching tests. */
import { expect } from 'vitest';
import type { EmailMessage, EmailThread, Meeting } from '../../../lib/model';
import { MatchResult, MatchScenario, type MatchScenarioInput } from '../../../lib/match';

export const NOW = '2026-11-22T12:00:00Z';
export const USER = { email: 'sam@ourco.com', crmUserId: 'u1' };
export const SETTINGS = {
  internalDomains: ['ourco.com'],
  excludedDomains: [],
  personalDomains: ['gmail.com'],
};

const person = (email: string) => ({ email, name: '' });

export function message(from: string, to: readonly string[], text = ''): EmailMessage {
  return {
    id: null,
    permId: null,
    from: person(from),
    to: to.map(person),
    date: '2026-11-21T10:00:00.000Z',
    state: 'expanded',
    text,
  };
}

/** A thread where the first external person wrote to everyone else (or Sam wrote, if none). */
export function thread(
  people: readonly string[],
  options: { subject?: string; threadId?: string; messages?: EmailMessage[]; text?: string } = {},
): EmailThread {
  const sender = people.find((p) => !p.endsWith('@ourco.com')) ?? USER.email;
  return {
    kind: 'email-thread',
    threadId: options.threadId ?? 't1',
    subject: options.subject ?? 'Pricing',
    messages: options.messages ?? [
      message(
        sender,
        people.filter((p) => p !== sender),
        options.text,
      ),
    ],
    participants: people.map(person),
  };
}

export function meeting(
  people: readonly string[],
  options: { title?: string; eventId?: string } = {},
): Meeting {
  return {
    kind: 'meeting',
    eventId: options.eventId ?? 'ev1',
    calendarId: USER.email,
    title: options.title ?? 'Pricing',
    start: '2026-11-24T15:00:00.000Z',
    end: '2026-11-24T15:30:00.000Z',
    attendees: people.map(person),
    conferenceUrl: null,
    description: '',
  };
}

/** Acme has two open deals (Sam's Platform, a colleague's Services) and a closed renewal. */
export const ACME_BOOK = {
  contacts: [
    { id: 'c1', email: 'jane@acme.com', name: 'Jane Doe', accountId: 'a1' },
    { id: 'c2', email: 'bob@acme.com', name: 'Bob Buyer', accountId: 'a1' },
    { id: 'c3', email: 'carl@acme.com', name: 'Carl Finance', accountId: 'a1' },
    { id: 'c4', email: 'gina@globex.com', name: 'Gina Globex', accountId: 'a2' },
  ],
  accounts: [
    { id: 'a1', name: 'Acme', domain: 'acme.com' },
    { id: 'a2', name: 'Globex', domain: 'globex.com' },
  ],
  opportunities: [
    {
      id: 'o1',
      name: 'Acme — Platform',
      accountId: 'a1',
      stage: 'Proposal',
      isClosed: false,
      ownerId: 'u1',
      closeDate: '2026-12-18',
      lastActivityAt: '2026-11-19T16:00:00Z',
      contactIds: ['c1', 'c2'],
    },
    {
      id: 'o2',
      name: 'Acme — Services',
      accountId: 'a1',
      stage: 'Discovery',
      isClosed: false,
      ownerId: 'u2',
      closeDate: '2027-02-01',
      lastActivityAt: '2026-11-02T10:00:00Z',
      contactIds: ['c3'],
    },
    {
      id: 'o3',
      name: 'Acme — 2025 renewal',
      accountId: 'a1',
      stage: 'Closed Won',
      isClosed: true,
      ownerId: 'u1',
      contactIds: ['c1', 'c2', 'c3'],
    },
    {
      id: 'o4',
      name: 'Globex — Pilot',
      accountId: 'a2',
      stage: 'Demo',
      isClosed: false,
      ownerId: 'u1',
      lastActivityAt: '2026-11-10T10:00:00Z',
      contactIds: ['c4'],
    },
  ],
} satisfies MatchScenarioInput['crm'];

export function scenario(
  interaction: EmailThread | Meeting,
  extra: Partial<MatchScenarioInput> = {},
): MatchScenario {
  return MatchScenario.parse({
    user: USER,
    settings: SETTINGS,
    now: NOW,
    crm: ACME_BOOK,
    interaction,
    ...extra,
  });
}

/** What every result promises the panel, whatever the scenario. */
export function expectWellFormed(result: MatchResult): void {
  expect(MatchResult.safeParse(result).success).toBe(true);
  for (const c of result.candidates) {
    expect(c.score).toBeGreaterThanOrEqual(0);
    expect(c.score).toBeLessThanOrEqual(1);
    expect(Math.round(c.score * 100) / 100).toBe(c.score);
    expect(c.reasons.length).toBeGreaterThan(0);
  }
  const scores = result.candidates.map((c) => c.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  if (result.decision === 'attach') expect(result.opportunityId).toBe(result.candidates[0]?.opportunityId);
  else expect(result.opportunityId).toBeNull();
  expect(result.skipReason === null).toBe(result.decision !== 'skip');
  if (result.decision === 'skip' || result.decision === 'none') expect(result.candidates).toEqual([]);
  else expect(result.candidates.length).toBeGreaterThan(0);
}
