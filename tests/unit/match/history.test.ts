import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { matchScenario } from '../../../lib/match';
import {
  closedOpportunityIds,
  forgetChoice,
  forgetClosedOpportunities,
  HISTORY_KEY,
  loadHistory,
  MAX_HISTORY_ENTRIES,
  rememberChoice,
} from '../../../lib/match/history';
import { ACME_BOOK, scenario, thread } from './builders';

beforeEach(() => {
  fakeBrowser.reset();
});

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 9, minute));

describe('match history', () => {
  it('remembers a choice per thread, and the next match of that thread (a reply) follows it', async () => {
    await rememberChoice('T1', 'o2', at(0));
    const history = await loadHistory(['T1']);
    expect(history).toEqual({ threadOpportunity: { T1: 'o2' } });

    const reply = thread(['jane@acme.com', 'bob@acme.com', 'sam@ourco.com'], { threadId: 'T1' });
    expect(matchScenario(scenario(reply, { history }))).toMatchObject({
      decision: 'attach',
      opportunityId: 'o2',
    });
  });

  it('keeps it in storage.local under one key, newest choice winning', async () => {
    await rememberChoice('T1', 'o1', at(0));
    await rememberChoice('T1', 'o2', at(5));
    const stored = await browser.storage.local.get(HISTORY_KEY);
    expect(stored[HISTORY_KEY]).toEqual({ T1: { opportunityId: 'o2', chosenAt: at(5).toISOString() } });
  });

  it('loads only the requested sources, or all of them', async () => {
    await rememberChoice('T1', 'o1', at(0));
    await rememberChoice('ev_1', 'o4', at(1));
    expect(await loadHistory(['ev_1', 'missing'])).toEqual({ threadOpportunity: { ev_1: 'o4' } });
    expect(await loadHistory()).toEqual({ threadOpportunity: { T1: 'o1', ev_1: 'o4' } });
  });

  it(`keeps only the ${MAX_HISTORY_ENTRIES} most recent choices`, async () => {
    const full = Object.fromEntries(
      Array.from({ length: MAX_HISTORY_ENTRIES }, (_, i) => [
        `T${i}`,
        { opportunityId: 'o1', chosenAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() },
      ]),
    );
    await browser.storage.local.set({ [HISTORY_KEY]: full });
    await rememberChoice('newest', 'o2', at(0));
    const all = (await loadHistory()).threadOpportunity;
    expect(Object.keys(all)).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(all.newest).toBe('o2');
    expect(all.T0).toBeUndefined();
    expect(all.T1).toBe('o1');
  });

  it('forgets choices whose deal has closed, and only those', async () => {
    await rememberChoice('T1', 'o1', at(0));
    await rememberChoice('T2', 'o3', at(1));
    await rememberChoice('T3', 'o3', at(2));
    const closed = closedOpportunityIds(ACME_BOOK.opportunities);
    expect(closed).toEqual(['o3']);
    expect(await forgetClosedOpportunities(closed)).toBe(2);
    expect(await loadHistory()).toEqual({ threadOpportunity: { T1: 'o1' } });
    expect(await forgetClosedOpportunities([])).toBe(0);
  });

  it('forgets one choice on request', async () => {
    await rememberChoice('T1', 'o1', at(0));
    await forgetChoice('T1');
    await forgetChoice('never-stored');
    expect(await loadHistory()).toEqual({ threadOpportunity: {} });
  });

  it('does not lose choices made at the same moment', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => rememberChoice(`T${i}`, `o${i}`, at(i))));
    expect(Object.keys((await loadHistory()).threadOpportunity)).toHaveLength(20);
  });

  it('starts over instead of failing when the stored value is corrupt', async () => {
    await browser.storage.local.set({ [HISTORY_KEY]: { T1: 'not an entry' } });
    expect(await loadHistory()).toEqual({ threadOpportunity: {} });
    await rememberChoice('T2', 'o1', at(0));
    expect(await loadHistory()).toEqual({ threadOpportunity: { T2: 'o1' } });
  });
});
