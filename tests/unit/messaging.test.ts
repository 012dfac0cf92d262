import { describe, expect, it, vi } from 'vitest';
import { classifySender, createClient, createRouter, pageProtocol, type Handlers } from '@/lib/messaging';

const EXT = 'hmdjolibmnimciciepfhdckgegclnedc';
const gmailTab = { id: EXT, url: 'https://mail.google.com/mail/u/0/#inbox', frameId: 0, tab: { id: 7 } };
const panel = { id: EXT, url: `chrome-extension://${EXT}/sidepanel.html` };

const interaction = {
  kind: 'meeting',
  eventId: 'abc',
  calendarId: 'sam@ourco.com',
  title: 'Acme — pricing review',
  start: null,
  end: null,
  attendees: [{ email: 'jane@acme.com', name: 'Jane Doe' }],
  conferenceUrl: null,
  description: '',
};

function router() {
  const changed = vi.fn(async () => ({ ok: true as const }));
  const handlers = {
    'interaction.changed': changed,
    'interaction.cleared': async () => ({ ok: true as const }),
    'compose.sent': async () => ({ ok: true as const }),
  } satisfies Handlers<typeof pageProtocol>;
  return { changed, route: createRouter(pageProtocol, handlers, () => EXT) };
}

describe('worker message router', () => {
  it('delivers a valid content-script message with its tab', async () => {
    const { changed, route } = router();
    const sender = { ...gmailTab, url: 'https://calendar.google.com/calendar/u/0/r' };
    await expect(route({ type: 'interaction.changed', data: { interaction } }, sender)).resolves.toEqual({
      ok: true,
      data: { ok: true },
    });
    expect(changed).toHaveBeenCalledWith(
      { interaction },
      expect.objectContaining({ tabId: 7, kind: 'content-script' }),
    );
  });

  it('rejects a malformed message without calling the handler', async () => {
    const { changed, route } = router();
    const reply = await route(
      { type: 'interaction.changed', data: { interaction: { kind: 'meeting' } } },
      gmailTab,
    );
    expect(reply).toEqual({ ok: false, error: 'Rejected interaction.changed: malformed request' });
    expect(changed).not.toHaveBeenCalled();
  });

  it('rejects messages from another extension, a web page, a sub-frame or the wrong context', async () => {
    const { changed, route } = router();
    const message = { type: 'interaction.changed', data: { interaction } };
    for (const sender of [
      { ...gmailTab, id: 'someotherextensionidaaaaaaaaaaaa' },
      { ...gmailTab, url: 'https://evil.example/mail.google.com' },
      { ...gmailTab, frameId: 3 },
      panel,
    ]) {
      await expect(route(message, sender)).resolves.toMatchObject({
        ok: false,
        error: expect.stringMatching(/sender/),
      });
    }
    expect(changed).not.toHaveBeenCalled();
  });

  it('leaves messages it does not own to other contexts', () => {
    const { route } = router();
    expect(route({ type: 'detect.refresh', data: {} }, panel)).toBeUndefined();
    expect(route('hello', panel)).toBeUndefined();
  });
});

describe('sender classification', () => {
  it('tells extension pages from Gmail and Calendar content scripts', () => {
    expect(classifySender(panel, EXT)).toBe('extension-page');
    expect(classifySender(gmailTab, EXT)).toBe('content-script');
    expect(classifySender({ ...gmailTab, tab: undefined }, EXT)).toBeNull();
  });
});

describe('message client', () => {
  it('refuses to send a malformed request and surfaces the worker error in plain words', async () => {
    const transport = vi.fn(async () => ({ ok: false, error: 'CRM is unreachable' }));
    const send = createClient(pageProtocol, transport);
    // @ts-expect-error: deliberately malformed
    await expect(send('interaction.changed', { interaction: {} })).rejects.toThrow(/malformed/);
    expect(transport).not.toHaveBeenCalled();
    await expect(send('interaction.cleared', {})).rejects.toThrow('CRM is unreachable');
  });

  it('rejects a malformed answer', async () => {
    const send = createClient(pageProtocol, async () => ({ ok: true, data: { ok: 'yes' } }));
    await expect(send('interaction.cleared', {})).rejects.toThrow(/Malformed answer/);
  });
});
