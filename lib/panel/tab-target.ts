/** Which tab the panel describes, and whether that tab is somewhere Dealside works. */
import { PAGE_ORIGINS } from '../messaging';

export type TabApp = 'gmail' | 'calendar' | 'other';

export function appOfUrl(url: string | undefined): TabApp {
  if (!url) return 'other';
  if (url.startsWith(`${PAGE_ORIGINS[0]}/`)) return 'gmail';
  if (url.startsWith(`${PAGE_ORIGINS[1]}/`)) return 'calendar';
  return 'other';
}

/** A tab id pinned in the panel URL (`sidepanel.html?tabId=12`), else null: follow the active tab. */
export function pinnedTabId(search: string): number | null {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}
