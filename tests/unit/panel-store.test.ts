import { beforeEach, describe, expect, it } from 'vitest';
import type { Opportunity } from '@/lib/domain/types';
import { usePanelStore } from '@/components/state/panel-store';

const deal = { id: 'o9', name: 'Acme — Services add-on' } as Opportunity;

describe('panel UI state', () => {
  beforeEach(() => usePanelStore.setState({ screen: 'deal', choices: {} }));

  it('keeps the deal the rep picked for a thread while they visit others', () => {
    const { pick, confirm } = usePanelStore.getState();
    pick('thread-a', deal);
    confirm('thread-b');
    expect(usePanelStore.getState().choices).toEqual({
      'thread-a': { picked: deal, confirmed: true },
      'thread-b': { picked: null, confirmed: true },
    });
  });

  it('forgets every choice on sign-out and switches screens', () => {
    const state = usePanelStore.getState();
    state.pick('thread-a', deal);
    state.openSettings();
    expect(usePanelStore.getState().screen).toBe('settings');
    state.forgetChoices();
    state.closeSettings();
    expect(usePanelStore.getState()).toMatchObject({ screen: 'deal', choices: {} });
  });
});
