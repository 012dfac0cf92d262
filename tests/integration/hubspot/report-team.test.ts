/**
 * The weekly reports' team in HubSpot, which has no manager field: the owners who share the
 * signed-in owner's primary team (GET /crm/v3/owners `teams`). One owners list, cached for the
 * day, also gives every name.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { teamOf } from '../../../lib/crm/hubspot/reads/team';
import type { FakeCrm } from '../../support/fake-crm';
import { harness, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const ownerCalls = (h: ReturnType<typeof harness>) =>
  h.calls.filter((c) => c.path.startsWith('/crm/v3/owners'));

describe('HubSpot report team', () => {
  it('gives the owners of the rep’s primary team, the rep first, from one owners list', async () => {
    const h = harness(crm);
    const ids = crm.store.bookIds.hubspot;
    const team = await h.adapter.reportPeople!.team(ids.u1 ?? '');
    expect(team).toEqual([
      { id: ids.u1, name: 'Sam Rep' },
      { id: ids.u2, name: 'Lea Lead' },
    ]);
    // Names come from the same (cached) list: no second call.
    expect(await h.adapter.reportPeople!.names([ids.u2 ?? '', '999'])).toEqual({
      [ids.u2 ?? '']: 'Lea Lead',
    });
    expect(ownerCalls(h).map((c) => `${c.path}?limit=${c.query.get('limit')}`)).toEqual([
      '/crm/v3/owners?limit=500',
    ]);
  });

  it('gives a rep alone in their team no team', async () => {
    const lea = crm.store.hubspot.owners[1];
    if (lea) lea.teams = [{ id: '5', name: 'Inside Sales', primary: true }];
    const h = harness(crm);
    expect(await h.adapter.reportPeople!.team(crm.store.bookIds.hubspot.u1 ?? '')).toEqual([]);
  });

  it('follows the owners list over pages', async () => {
    for (let i = 0; i < 600; i++)
      crm.store.hubspot.owners.push({
        id: String(80_000_000 + i),
        email: `rep${i}@ourco.com`,
        firstName: 'Rep',
        lastName: String(i),
        userId: 20_000 + i,
        createdAt: '2026-01-01T00:00:00Z',
        updatedAt: '2026-01-01T00:00:00Z',
        archived: false,
        teams:
          i === 599
            ? [{ id: crm.store.hubspot.owners[0]?.teams?.[0]?.id ?? '', name: 'W', primary: false }]
            : [],
      });
    const h = harness(crm);
    const team = await h.adapter.reportPeople!.team(crm.store.bookIds.hubspot.u1 ?? '');
    expect(team.map((p) => p.name)).toEqual(['Sam Rep', 'Lea Lead', 'Rep 599']);
    expect(ownerCalls(h)).toHaveLength(2);
  });
});

describe('teamOf', () => {
  const owner = (id: string, teams: { id: string; primary: boolean }[]) => ({ id, name: `N${id}`, teams });
  it('uses only the rep’s primary team when one is marked', () => {
    const owners = [
      owner('1', [
        { id: 'a', primary: true },
        { id: 'b', primary: false },
      ]),
      owner('2', [{ id: 'a', primary: false }]),
      owner('3', [{ id: 'b', primary: true }]),
    ];
    expect(teamOf('1', owners).map((p) => p.id)).toEqual(['1', '2']);
  });
  it('uses all the rep’s teams when none is marked primary, and none for an unknown rep', () => {
    const owners = [owner('1', [{ id: 'a', primary: false }]), owner('2', [{ id: 'a', primary: true }])];
    expect(teamOf('1', owners).map((p) => p.id)).toEqual(['1', '2']);
    expect(teamOf('9', owners)).toEqual([]);
  });
});
