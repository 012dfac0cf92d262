/** The audit's rules, one at a time, on the smallest snapshot that shows each. */
import { describe, expect, it } from 'vitest';
import {
  auditSnapshot,
  openAt,
  parseAuditSnapshot,
  type AuditActivityInput,
  type AuditOpportunity,
} from '../../../lib/audit';
import { activity, deal, snapshot } from './builders';

const only = (s: ReturnType<typeof snapshot>) => {
  const [first, ...rest] = auditSnapshot(s).findings;
  expect(rest).toHaveLength(0);
  if (first === undefined) throw new Error('no finding');
  return first;
};

const opp = (fields: Partial<AuditOpportunity>): AuditOpportunity => ({
  id: 'o1',
  name: 'Acme',
  isClosed: false,
  contactIds: [],
  ...fields,
});
const AT = Date.parse('2026-11-25T10:00:00Z');

describe('the deal open when the activity happened', () => {
  it('counts an open deal created before the activity, and one without a creation date', () => {
    expect(openAt(opp({ createdAt: '2026-11-25T09:59:59Z' }), AT).counts).toBe(true);
    expect(openAt(opp({ createdAt: '2026-11-25T10:00:00Z' }), AT).counts).toBe(true);
    expect(openAt(opp({}), AT).counts).toBe(true);
  });

  it('does not count a deal created after the activity', () => {
    expect(openAt(opp({ createdAt: '2026-11-25T10:00:01Z' }), AT).counts).toBe(false);
  });

  it('counts a deal closed after the activity as open then', () => {
    expect(openAt(opp({ isClosed: true, closedAt: '2026-11-28T00:00:00Z' }), AT)).toEqual({
      counts: true,
      closedBefore: null,
    });
  });

  it('counts a deal closed at most 14 days before, and says so', () => {
    expect(openAt(opp({ isClosed: true, closedAt: '2026-11-11T10:00:00Z' }), AT)).toEqual({
      counts: true,
      closedBefore: '2026-11-11T10:00:00Z',
    });
    expect(openAt(opp({ isClosed: true, closedAt: '2026-11-11T09:59:59Z' }), AT).counts).toBe(false);
  });

  it('treats a closed deal without a close instant as closed forever', () => {
    expect(openAt(opp({ isClosed: true }), AT).counts).toBe(false);
    expect(openAt(opp({ isClosed: true, closedAt: null }), AT).counts).toBe(false);
  });

  it('ignores a close instant on a deal that is open', () => {
    expect(openAt(opp({ closedAt: '2020-01-01T00:00:00Z' }), AT).counts).toBe(true);
  });

  it('attaches to a deal closed within 14 days, with the close in the reasons', () => {
    const result = only(
      snapshot([activity('e1')], {
        deals: [deal('o1', { isClosed: true, closedAt: '2026-11-20T10:00:00Z' })],
      }),
    );
    expect(result).toMatchObject({ decision: 'attach', opportunityId: 'o1' });
    expect(result.reasons).toContain('closed 2026-11-20, 5 days before this email');
  });

  it('finds no deal when the only one was created after the activity', () => {
    const result = only(
      snapshot([activity('e1')], { deals: [deal('o1', { createdAt: '2026-11-26T00:00:00Z' })] }),
    );
    expect(result).toMatchObject({ decision: 'none', opportunityId: null, skipReason: null });
    expect(result.reasons).toEqual(['no deal was open for these people when this email happened']);
  });

  it('lets a deal open at the time win over one that opened later on the same account', () => {
    const result = only(
      snapshot([activity('e1')], {
        deals: [deal('late', { createdAt: '2026-11-27T00:00:00Z' }), deal('then', { contactIds: [] })],
      }),
    );
    expect(result).toMatchObject({ decision: 'attach', opportunityId: 'then' });
  });
});

describe('already on a deal', () => {
  it('wins over scope, skip rules and matching', () => {
    const findings = auditSnapshot(
      snapshot([
        activity('e1', { opportunityIds: ['o9'], ownerId: 'u9' }),
        activity('e2', {
          opportunityIds: ['o1'],
          participants: [{ email: 'kim@ourco.com', name: 'Kim' }],
          contactIds: [],
        }),
        activity('e3', { opportunityIds: ['o1'], subject: 'Automatic reply: Pricing' }),
      ]),
    ).findings;
    expect(findings.map((f) => [f.decision, f.opportunityId, f.skipReason])).toEqual([
      ['already', null, null],
      ['already', null, null],
      ['already', null, null],
    ]);
    expect(findings[1]?.reasons).toEqual(['already on a deal (Acme — o1)']);
  });
});

describe('skip rules as everywhere', () => {
  it.each([
    ['internal-only', { participants: [{ email: 'kim@ourco.com', name: 'Kim' }], contactIds: [] }],
    ['automated', { subject: 'Out of office: back Monday' }],
    ['automated', { participants: [{ email: 'no-reply@acme.com', name: '' }], contactIds: [] }],
    ['bulk', { participants: [{ email: 'newsletter@acme.com', name: 'Acme' }], contactIds: [] }],
    ['excluded', { contactIds: ['c1', 'c2'] }],
  ] satisfies [string, Partial<AuditActivityInput>][])('%s', (reason, fields) => {
    const result = only(snapshot([activity('e1', fields)]));
    expect(result).toMatchObject({ decision: 'skip', skipReason: reason, opportunityId: null });
    expect(result.reasons).toHaveLength(1);
  });

  it('keeps an email from a list sender beside a known contact', () => {
    const result = only(
      snapshot([
        activity('e1', {
          participants: [
            { email: 'newsletter@acme.com', name: '' },
            { email: 'jane@acme.com', name: 'Jane Doe' },
          ],
        }),
      ]),
    );
    expect(result.decision).toBe('attach');
  });

  it('judges a meeting title like a subject', () => {
    const result = only(snapshot([activity('m1', { kind: 'meeting', subject: 'Out of office' })]));
    expect(result.skipReason).toBe('automated');
  });
});

describe('scope', () => {
  it("skips an activity owned by someone outside the rep's scope without matching it", () => {
    const result = only(snapshot([activity('e1', { ownerId: 'u9' })]));
    expect(result).toMatchObject({ decision: 'skip', skipReason: 'out-of-scope', opportunityId: null });
    expect(result.candidates).toEqual([]);
  });

  it('skips an activity without an owner', () => {
    expect(only(snapshot([activity('e1', { ownerId: null })])).skipReason).toBe('out-of-scope');
  });

  it("includes the team's activities when the policy names a team", () => {
    const result = only(snapshot([activity('e1', { ownerId: 'u2' })], { team: ['u2'] }));
    expect(result).toMatchObject({ decision: 'attach', opportunityId: 'o1' });
    expect(result.reasons).toContain('owned by a colleague');
  });

  it('puts nothing in scope for a user without a CRM id and no team', () => {
    const s = snapshot([activity('e1')]);
    const result = only({ ...s, user: { ...s.user, crmUserId: null } });
    expect(result.skipReason).toBe('out-of-scope');
  });
});

describe('decisions and output', () => {
  it('sets opportunityId only for attach, and lists candidates for ask', () => {
    const findings = auditSnapshot(
      snapshot([activity('e1')], { deals: [deal('o1'), deal('o2', { name: 'Acme — Training' })] }),
    ).findings;
    const [result] = findings;
    expect(result).toMatchObject({ decision: 'ask', opportunityId: null });
    expect(result?.candidates.map((c) => c.opportunityId)).toEqual(['o1', 'o2']);
    expect(result?.reasons[1]).toMatch(/^Acme — Training: Jane Doe is a contact on this deal/);
  });

  it('finds the deal of a call logged to a contact with no participant list', () => {
    const result = only(snapshot([activity('c1', { kind: 'call', participants: [], contactIds: ['c1'] })]));
    expect(result).toMatchObject({ decision: 'attach', opportunityId: 'o1' });
    expect(result.reasons[0]).toBe('Jane Doe is a contact on this deal');
  });

  it('leaves activities older than the lookback out of the results and the summary', () => {
    const report = auditSnapshot(
      snapshot(
        [
          activity('old', { at: '2026-11-16T11:59:59Z' }),
          activity('edge', { at: '2026-11-16T12:00:00Z' }),
          activity('new', { at: '2026-11-29T12:00:00Z', opportunityIds: ['o1'] }),
        ],
        {},
      ),
    );
    expect(report.findings.map((f) => f.activityId)).toEqual(['edge', 'new']);
    expect(report.summary).toEqual({ scanned: 2, already: 1, attach: 1, ask: 0, none: 0, skip: 0 });
  });

  it('reads lookbackDays from the settings', () => {
    const report = auditSnapshot(
      snapshot([activity('e1', { at: '2026-11-22T12:00:00Z' })], { settings: { lookbackDays: 7 } }),
    );
    expect(report.findings).toHaveLength(0);
  });

  it('names the bad field of an invalid snapshot on one line', () => {
    const parsed = parseAuditSnapshot({ user: { email: 'a@b.c' }, crm: {}, now: 'soon', activities: [] });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('now');
  });
});
