import { describe, expect, it, vi } from 'vitest';
import { refreshListener, sendReport } from '../../../lib/detect/page-messages';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const panel = { id: EXT, url: `chrome-extension://${EXT}/sidepanel.html` };
const gmailTab = { id: EXT, url: 'https://mail.google.com/mail/u/0/', tab: { id: 7 }, frameId: 0 };

describe('content script messages (no zod in the page)', () => {
  it('re-reports what is open when the panel asks, and only then', async () => {
    const refresh = vi.fn();
    const listener = refreshListener(refresh, () => EXT);
    await expect(listener({ type: 'detect.refresh', data: {} }, panel)).resolves.toEqual({
      ok: true,
      data: { ok: true },
    });
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('refuses a refresh from a page, another extension or without a request body', async () => {
    const refresh = vi.fn();
    const listener = refreshListener(refresh, () => EXT);
    await expect(listener({ type: 'detect.refresh', data: {} }, gmailTab)).resolves.toMatchObject({
      ok: false,
    });
    await expect(
      listener(
        { type: 'detect.refresh', data: {} },
        { ...panel, id: 'other', url: 'chrome-extension://other/x' },
      ),
    ).resolves.toMatchObject({ ok: false });
    await expect(listener({ type: 'detect.refresh' }, panel)).resolves.toMatchObject({ ok: false });
    expect(listener({ type: 'interaction.changed', data: {} }, panel)).toBeUndefined();
    expect(refresh).not.toHaveBeenCalled();
  });

  it('says when the worker refused a report or did not answer', async () => {
    const message = { type: 'interaction.cleared', data: {} } as const;
    await expect(
      sendReport(async () => ({ ok: true, data: { ok: true } }), message),
    ).resolves.toBeUndefined();
    await expect(sendReport(async () => ({ ok: false, error: 'Rejected' }), message)).rejects.toThrow(
      'Rejected',
    );
    await expect(sendReport(async () => undefined, message)).rejects.toThrow(
      'No answer to interaction.cleared',
    );
  });
});
