/** Between runs: verdicts kept, the figure, the review list, and what moves by itself. */
import { describe, expect, it } from 'vitest';
import { auditSnapshot } from '../../../lib/audit';
import { automaticMoves, figures, figureText, moveKey, reviewLines } from '../../../lib/audit/moves';
import { EMPTY_AUDIT_STATE, mergeRun, withDeclined } from '../../../lib/audit/state';
import type { LedgerEntry, OutboxItem } from '../../../lib/outbox/item';
import { activity, deal, NOW, snapshot } from './builders';

const now = Date.parse(NOW);
const run = (activities: Parameters<typeof snapshot>[0], cursor = '2026-11-30T11:00:00Z') => ({
  findings: auditSnapshot(
    snapshot(activities, { deals: [deal('o1'), deal('o2', { contactIds: [], ownerId: 'u2' })] }),
  ).findings,
  cursor,
  truncated: false,
  notes: [],
});
const ctx = { provider: 'hubspot' as const, now };
const landed = (item: OutboxItem): LedgerEntry => ({
  key: item.key,
  provider: item.provider,
  op: item.op,
  sourceId: item.sourceId,
  opportunityId: item.payload.target.opportunityId,
  recordId: item.sourceId,
  label: item.label,
  loggedAt: now,
  adopted: false,
});

describe('audit state', () => {
  const first = mergeRun(
    EMPTY_AUDIT_STATE,
    run([
      activity('e1'),
      activity('e2', { opportunityIds: ['o1'] }),
      activity('e3', { participants: [{ email: 'kim@ourco.com', name: 'Kim' }], contactIds: [] }),
      activity('old', { at: '2026-11-10T10:00:00Z' }),
    ]),
    now,
    14,
    () => false,
  );

  it('keeps the cursor and one verdict per activity in the window', () => {
    expect(first.cursor).toBe('2026-11-30T11:00:00Z');
    expect(Object.keys(first.findings).sort()).toEqual(['e1', 'e2', 'e3']);
    expect(first.findings.e1?.decision).toBe('attach');
  });

  it("keeps the first verdict when the audit's own move shows the activity on a deal", () => {
    const next = mergeRun(
      first,
      run([activity('e1', { opportunityIds: ['o1'] })], '2026-11-30T12:00:00Z'),
      now,
      14,
      () => true,
    );
    expect(next.findings.e1).toMatchObject({ decision: 'attach', filedElsewhere: false });
    expect(next.cursor).toBe('2026-11-30T12:00:00Z');
    const elsewhere = mergeRun(
      first,
      run([activity('e1', { opportunityIds: ['o9'] })]),
      now,
      14,
      () => false,
    );
    expect(elsewhere.findings.e1?.filedElsewhere).toBe(true);
    expect(automaticMoves(elsewhere, ctx)).toEqual([]);
  });

  it('queues confident verdicts once each, and never one the rep undid', () => {
    const moves = automaticMoves(first, ctx);
    expect(moves.map((m) => m.key)).toEqual([moveKey('hubspot', 'attach', 'e1', 'o1')]);
    expect(moves[0]?.payload).toMatchObject({
      kind: 'attach',
      recordId: 'e1',
      target: { opportunityId: 'o1' },
    });
    expect(automaticMoves(withDeclined(first, 'e1', true), ctx)).toEqual([]);
  });

  it('gives the figure a manager asks for, overall and per rep', () => {
    const [move] = automaticMoves(first, ctx);
    const none = figures(first, 'hubspot', { items: [], ledger: [] }, now);
    expect(figureText(none.total)).toBe('last 7 days: 3 activities, 2 on no deal, 0 attached, 1 to review');
    const done = figures(first, 'hubspot', { items: [], ledger: [landed(move!)] }, now);
    expect(figureText(done.total)).toBe('last 7 days: 3 activities, 2 on no deal, 1 attached, 0 to review');
    expect(done.byOwner.map((f) => f.ownerId)).toEqual(['u1']);
  });

  it('lists each change with its reason and status, newest first', () => {
    const [move] = automaticMoves(first, ctx);
    expect(reviewLines(first, 'hubspot', { items: [move!], ledger: [] })).toMatchObject([
      {
        status: 'queued',
        opportunityId: 'o1',
        reasons: expect.arrayContaining(['Jane Doe is a contact on this deal']),
      },
    ]);
    const undo = { ...move!, key: moveKey('hubspot', 'detach', 'e1', 'o1'), op: 'detach' as const };
    expect(
      reviewLines(first, 'hubspot', { items: [], ledger: [landed(move!), landed(undo)] })[0]?.status,
    ).toBe('undone');
  });

  it('forgets verdicts older than the window', () => {
    const later = mergeRun(first, run([]), now + 10 * 86_400_000, 7, () => false);
    expect(Object.keys(later.findings)).toEqual([]);
  });
});
