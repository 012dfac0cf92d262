import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeGmailToken,
  permIdFromJslog,
  permIdToHex,
  threadHexFromUrl,
  threadHexFromUrlSegment,
} from '../../../lib/detect/gmail-ids';

const TOKEN_DIGITS = 'BCDFGHJKLMNPQRSTVWXZbcdfghjklmnpqrstvwxz';
const BASE64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The inverse of the decoder, written independently for the round-trip property. */
function encodeGmailToken(text: string): string {
  const base64 = Buffer.from(text, 'latin1').toString('base64').replace(/=+$/, '');
  let value = 0n;
  for (const char of base64) value = value * 64n + BigInt(BASE64_DIGITS.indexOf(char));
  let token = '';
  for (; value > 0n; value /= 40n) token = TOKEN_DIGITS[Number(value % 40n)] + token;
  return token;
}

describe('Gmail URL tokens', () => {
  it('decodes the documented test vector to the thread number and its hex id', () => {
    expect(decodeGmailToken('FMfcgxwJZJdDFgzPGnxvMLsbbXMCdJvV')).toBe('f:1679955623977396370');
    expect(threadHexFromUrlSegment('FMfcgxwJZJdDFgzPGnxvMLsbbXMCdJvV')).toBe('175066bd3d97a892');
  });

  it('decodes the basic thread fixture URL to the id on its heading', () => {
    const fixture = JSON.parse(
      readFileSync(new URL('../../fixtures/gmail/gmail-thread-basic.json', import.meta.url), 'utf8'),
    ) as { url: string; expected: { threadId: string } };
    expect(threadHexFromUrl(fixture.url)).toBe(fixture.expected.threadId);
    expect(fixture.expected.threadId).toBe('198c6747aabb71a9');
  });

  it('round-trips any thread number', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }), (n) => {
        const token = encodeGmailToken(`f:${n}`);
        expect(decodeGmailToken(token)).toBe(`f:${n}`);
        expect(threadHexFromUrlSegment(token)).toBe(n.toString(16));
      }),
    );
  });

  it('rejects route names, page numbers and draft tokens as thread ids', () => {
    for (const segment of ['inbox', 'p2', 'Customers', 'Sync', 'BCDFGHJK', '']) {
      expect(threadHexFromUrlSegment(segment)).toBeNull();
    }
    // A compose token names a draft (thread + message), not an open thread.
    const draft = 'CqMvqmRLbRhtqczNhFhkDQPRFTQBHmDpFpKtPVWGdZHFgscZcWpMKGJpSjgpgpvdSbRMRTSpSxB';
    expect(decodeGmailToken(draft)).toBe('f:1689835521506698369+msg-a:r-4437691956637862407');
    expect(threadHexFromUrlSegment(draft)).toBeNull();
  });
});

describe('perm ids', () => {
  it('turns thread-f and msg-f ids into hex, with or without #', () => {
    expect(permIdToHex('thread-f:1840959905192440233')).toBe('198c6747aabb71a9');
    expect(permIdToHex('#msg-f:1840959905192440233')).toBe('198c6747aabb71a9');
  });

  it('has no hex for just-sent ids, the literal "undefined", or out-of-range numbers', () => {
    expect(permIdToHex('#msg-a:r-8011394551937466722')).toBeNull();
    expect(permIdToHex('thread-a:r123')).toBeNull();
    expect(permIdToHex('undefined')).toBeNull();
    expect(permIdToHex(null)).toBeNull();
    expect(permIdToHex('thread-f:18446744073709551616')).toBeNull();
  });
});

describe('thread id from the URL', () => {
  it.each([
    ['https://mail.google.com/mail/u/0/#inbox/FMfcgxwJZJdDFgzPGnxvMLsbbXMCdJvV', '175066bd3d97a892'],
    [
      'https://mail.google.com/mail/u/1/#label/Deals%2FQ4/FMfcgxwJZJdDFgzPGnxvMLsbbXMCdJvV',
      '175066bd3d97a892',
    ],
    ['https://mail.google.com/mail/u/0/#search/acme/198C6747AABB71A9', '198c6747aabb71a9'],
    ['https://mail.google.com/mail/u/0/?ui=2&view=pt&search=all&th=198c6747aabb71a9', '198c6747aabb71a9'],
    ['https://mail.google.com/mail/u/0/?view=pt&th=%23thread-f%3A1840959905192440233', '198c6747aabb71a9'],
    ['https://mail.google.com/mail/u/0/#inbox', null],
    ['https://mail.google.com/mail/u/0/#inbox?compose=new', null],
    ['not a url', null],
  ])('%s → %s', (url, expected) => {
    expect(threadHexFromUrl(url)).toBe(expected);
  });
});

describe('permIdFromJslog (last resort)', () => {
  const b64 = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '');
  const both = b64(['#thread-f:1840959905192440233', '#msg-f:1840961111111111111']);

  it.each([
    [`20277; u014N:xr6bB; 1:${both}; 4:WyJ0aHJlYWQiXQ`, 'thread', 'thread-f:1840959905192440233'],
    [`20277; u014N:xr6bB; 1:${both}; 4:WyJ0aHJlYWQiXQ`, 'msg', 'msg-f:1840961111111111111'],
    // URL-safe alphabet, and ids written out in plain text.
    [
      `1:${b64(['#msg-f:1841300000000000002']).replace(/\+/g, '-').replace(/\//g, '_')}`,
      'msg',
      'msg-f:1841300000000000002',
    ],
    ['20277; 1:["#thread-f:1840959905192440233"]', 'thread', 'thread-f:1840959905192440233'],
  ] as const)('%s (%s) → %s', (jslog, kind, expected) => {
    expect(permIdFromJslog(jslog, kind)).toBe(expected);
    expect(permIdToHex(expected)).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    [null],
    [''],
    ['20277; u014N:xr6bB'],
    [`1:${b64(['#msg-a:r-5523102934819921001'])}`],
    [`1:${b64(['#thread-f:99999999999999999999999'])}`],
    ['1:%%%not base64%%%'],
  ])('%s → null', (jslog) => {
    expect(permIdFromJslog(jslog, 'thread')).toBeNull();
    expect(permIdFromJslog(jslog, 'msg')).toBeNull();
  });
});
