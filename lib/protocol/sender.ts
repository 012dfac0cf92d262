/**
 * Who sent a runtime message, without zod, so the content scripts can check senders too while
 * bundling no schema library.
 */
export type SenderKind = 'content-script' | 'extension-page';

/** The parts of `runtime.MessageSender` the checks rely on. */
export interface Sender {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id?: number };
}

export const PAGE_ORIGINS = ['https://mail.google.com', 'https://calendar.google.com'] as const;

/** scheme://host of a URL; `URL.origin` is "null" for chrome-extension: URLs outside Chrome. */
function originOf(url: string | undefined): string | null {
  return /^([a-z][a-z0-9+.-]*:\/\/[^/?#]+)/i.exec(url ?? '')?.[1]?.toLowerCase() ?? null;
}

/**
 * Classifies a sender, or null when it must be ignored: other extensions, web pages, frames
 * other than the top one of a Gmail or Calendar tab.
 */
export function classifySender(sender: Sender, extensionId: string): SenderKind | null {
  if (sender.id !== extensionId) return null;
  const origin = sender.origin ?? originOf(sender.url);
  if (origin === `chrome-extension://${extensionId}`) return 'extension-page';
  if (
    sender.tab?.id !== undefined &&
    (sender.frameId === undefined || sender.frameId === 0) &&
    (PAGE_ORIGINS as readonly string[]).includes(origin ?? '')
  ) {
    return 'content-script';
  }
  return null;
}
