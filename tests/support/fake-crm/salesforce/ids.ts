/**
 * Salesforce record ids: 15 case-sensitive characters (3-char key prefix + instance + counter)
 * plus the 3-character case-safe checksum suffix that makes the 18-character form.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export const KEY_PREFIXES = {
  Account: '001',
  Contact: '003',
  Opportunity: '006',
  OpportunityHistory: '008',
  OpportunityContactRole: '00k',
  Lead: '00Q',
  Task: '00T',
  Event: '00U',
  User: '005',
  EmailMessage: '02s',
  OpportunityStage: '01J',
  Organization: '00D',
} as const;

export function checksum(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    out += SUFFIX.charAt(bits);
  }
  return out;
}

export function makeId(prefix: string, sequence: number): string {
  let counter = '';
  let n = sequence;
  do {
    counter = BASE62.charAt(n % 62) + counter;
    n = Math.floor(n / 62);
  } while (n > 0);
  const id15 = `${prefix}Dz00000${counter.padStart(5, '0')}`;
  return id15 + checksum(id15);
}

export function nextId(sequences: Record<string, number>, prefix: string): string {
  const n = (sequences[prefix] ?? 0) + 1;
  sequences[prefix] = n;
  return makeId(prefix, n);
}

export function isWellFormedId(value: string): boolean {
  return /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(value);
}

/** Both the 15- and 18-character forms refer to the same record. */
export function to18(value: string): string {
  if (value.length === 18) return value;
  return value + checksum(value);
}

export function sameId(a: string, b: string): boolean {
  if (!isWellFormedId(a) || !isWellFormedId(b)) return false;
  return to18(a).slice(0, 15) === to18(b).slice(0, 15);
}
