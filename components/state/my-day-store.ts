/** Whether the rep opened My day over an open thread or meeting (it is one click away). */
import { create } from 'zustand';

export const useMyDayStore = create<{ open: boolean; show(): void; hide(): void }>()((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
}));
