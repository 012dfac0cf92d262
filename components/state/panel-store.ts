/**
 * The panel's UI state (zustand): which screen is up, and per thread or meeting the deal the rep
 * picked or confirmed. Server data stays in TanStack Query; this is only what the rep did here,
 * kept while they move between threads so coming back shows their choice at once.
 */
import { create } from 'zustand';
import type { Opportunity } from '@/lib/domain/types';

interface Choice {
  /** A deal picked by hand (it may come from a search, outside the matcher's list). */
  picked: Opportunity | null;
  /** The rep confirmed the preselected deal of an `ask`. */
  confirmed: boolean;
}

interface PanelState {
  screen: 'deal' | 'settings';
  choices: Record<string, Choice>;
  openSettings(): void;
  closeSettings(): void;
  pick(sourceId: string, opportunity: Opportunity): void;
  confirm(sourceId: string): void;
  /** Sign-out: forget every choice (they name CRM records). */
  forgetChoices(): void;
}

const NO_CHOICE: Choice = { picked: null, confirmed: false };

export const usePanelStore = create<PanelState>()((set) => ({
  screen: 'deal',
  choices: {},
  openSettings: () => set({ screen: 'settings' }),
  closeSettings: () => set({ screen: 'deal' }),
  pick: (sourceId, opportunity) =>
    set((state) => ({ choices: { ...state.choices, [sourceId]: { picked: opportunity, confirmed: true } } })),
  confirm: (sourceId) =>
    set((state) => ({
      choices: {
        ...state.choices,
        [sourceId]: { ...(state.choices[sourceId] ?? NO_CHOICE), confirmed: true },
      },
    })),
  forgetChoices: () => set({ choices: {} }),
}));

export function useChoice(sourceId: string): Choice {
  return usePanelStore((state) => state.choices[sourceId] ?? NO_CHOICE);
}
