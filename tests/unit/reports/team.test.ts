import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../../lib/crm/cache';
import type { ReportPeople } from '../../../lib/crm/report-people';
import type { CrmAdapter } from '../../../lib/crm/adapter';
import { chooseTeam, displayName } from '../../../lib/reports/team';
import { ownerNames, reportScope } from '../../../lib/worker/report-people';

const lea = { id: 'u2', name: 'Lea Lead' };
const sam = { id: 'u1', name: 'Sam Rep' };

describe('who the weekly reports are about', () => {
  it('takes the policy team when it names one, even for a manager in the CRM', () => {
    expect(chooseTeam({ policyTeam: ['u7', 'u8', 'u7'], crmTeam: [sam, lea], me: 'u1' })).toEqual({
      owners: ['u7', 'u8'],
      source: 'policy',
    });
  });
  it('takes the CRM team when policy names none, else the rep alone', () => {
    expect(chooseTeam({ policyTeam: [], crmTeam: [sam, lea], me: 'u1' })).toEqual({
      owners: ['u1', 'u2'],
      source: 'crm',
    });
    expect(chooseTeam({ policyTeam: [], crmTeam: [], me: 'u1' })).toEqual({ owners: ['u1'], source: 'rep' });
  });
  it('shows a name, or the id when the CRM gave none', () => {
    expect(displayName({ u1: 'Sam Rep' }, 'u1')).toBe('Sam Rep');
    expect(displayName({ u1: ' ' }, 'u1')).toBe('u1');
    expect(displayName(undefined, 'u9')).toBe('u9');
  });
});

function fakePeople(team: ReportPeople['team']) {
  const calls = { team: 0, names: 0 };
  const people: ReportPeople = {
    team: (me) => {
      calls.team++;
      return team(me);
    },
    names: async (ids) => {
      calls.names++;
      return Object.fromEntries(
        ids.filter((id) => id === 'u1' || id === 'u2').map((id) => [id, id === 'u1' ? sam.name : lea.name]),
      );
    },
  };
  return { calls, adapter: { reportPeople: people } as unknown as CrmAdapter };
}

describe('the reports scope in the worker', () => {
  const day = (d: string) => (scope: string) => `reports.test.${scope}.${d}`;

  it('reads the CRM team once a day and not at all when policy names a team', async () => {
    const { calls, adapter } = fakePeople(async () => [sam, lea]);
    const deps = { adapter, cache: createMemoryCache(), ownerId: 'u1', cacheKey: day('2026-12-02') };
    expect(await reportScope(deps, [])).toEqual({ owners: ['u1', 'u2'], source: 'crm', notes: [] });
    expect(await reportScope(deps, [])).toEqual({ owners: ['u1', 'u2'], source: 'crm', notes: [] });
    expect(calls.team).toBe(1);
    await reportScope({ ...deps, cacheKey: day('2026-12-03') }, []);
    expect(calls.team).toBe(2);
    expect((await reportScope(deps, ['u9'])).owners).toEqual(['u9']);
    expect(calls.team).toBe(2);
  });

  it('falls back to the rep alone, with a note, when the CRM team cannot be read', async () => {
    const { adapter } = fakePeople(async () => {
      throw new Error('offline');
    });
    const deps = { adapter, cache: createMemoryCache(), ownerId: 'u1', cacheKey: day('2026-12-02') };
    const scope = await reportScope(deps, []);
    expect(scope.owners).toEqual(['u1']);
    expect(scope.notes).toEqual(['Your team could not be read from the CRM; showing your own figures.']);
  });

  it('caches names per day and gives none for an adapter that cannot tell', async () => {
    const { calls, adapter } = fakePeople(async () => []);
    const deps = { adapter, cache: createMemoryCache(), ownerId: 'u1', cacheKey: day('2026-12-02') };
    expect(await ownerNames(deps, ['u2', 'u1', 'u3'])).toEqual({ u1: 'Sam Rep', u2: 'Lea Lead' });
    await ownerNames(deps, ['u1', 'u2', 'u3']);
    expect(calls.names).toBe(1);
    expect(await ownerNames({ ...deps, adapter: {} as CrmAdapter }, ['u1'])).toEqual({});
  });
});
