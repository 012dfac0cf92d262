/**
 * Matching budget (< 5 ms): a 50-participant, 50-message thread against a book of 500
 * opportunities, 250 accounts and 1,500 contacts. Reports median and p95 over 200 runs after
 * warm-up, for a cold match (index built from the snapshot each time, as the CLI does), a match
 * on a prebuilt index, and validation + match of the raw JSON.
 *
 *   npx tsx scripts/bench/match.ts
 */
import { pathToFileURL } from 'node:url';
import {
  buildCrmIndex,
  matchScenario,
  MatchScenario,
  parseMatchScenario,
  type MatchScenarioInput,
} from '../../lib/match';
import { checkBudget } from './budget';

const OPPORTUNITIES = 500;
const ACCOUNTS = 250;
const CONTACTS_PER_ACCOUNT = 6;
const PARTICIPANTS = 50;
const WARMUP = 50;
const RUNS = 200;
export const BUDGET_MS = 5;

/** Deterministic pseudo-random numbers so every run measures the same book. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function benchScenario(): MatchScenarioInput {
  const random = lcg(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const now = Date.parse('2026-11-22T12:00:00Z');

  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({
    id: `a${i}`,
    name: `Company ${i}`,
    domain: `company${i}.com`,
  }));
  const contacts = accounts.flatMap((account, a) =>
    Array.from({ length: CONTACTS_PER_ACCOUNT }, (_, k) => ({
      id: `c${a}_${k}`,
      email: `person${k}@company${a}.com`,
      name: `Person ${k} of ${a}`,
      accountId: account.id,
      title: 'extra fields are tolerated',
    })),
  );
  const opportunities = Array.from({ length: OPPORTUNITIES }, (_, i) => {
    const a = i % ACCOUNTS;
    return {
      id: `o${i}`,
      name: `Deal ${i}`,
      accountId: `a${a}`,
      stage: pick(['Discovery', 'Demo', 'Proposal', 'Negotiation']),
      isClosed: random() < 0.2,
      ownerId: pick(['u1', 'u2', 'u3']),
      amount: Math.round(random() * 100_000),
      closeDate: new Date(now + (random() * 200 - 50) * 86_400_000).toISOString().slice(0, 10),
      lastActivityAt: new Date(now - random() * 90 * 86_400_000).toISOString(),
      contactIds: Array.from({ length: 3 }, () => `c${a}_${Math.floor(random() * CONTACTS_PER_ACCOUNT)}`),
    };
  });

  // 20 known contacts across 5 accounts, 10 unknown at CRM domains (some on subdomains),
  // 5 free-mail, 10 colleagues, 5 at companies the CRM does not know.
  const emails = [
    ...Array.from({ length: 20 }, (_, i) => `Person${i % CONTACTS_PER_ACCOUNT}+x@company${i % 5}.com`),
    ...Array.from({ length: 10 }, (_, i) => `new${i}@${i % 2 ? 'eu.' : ''}company${10 + i}.com`),
    ...Array.from({ length: 5 }, (_, i) => `someone${i}@gmail.com`),
    ...Array.from({ length: 10 }, (_, i) => `colleague${i}@ourco.com`),
    ...Array.from({ length: 5 }, (_, i) => `x${i}@unknown${i}.org`),
  ].slice(0, PARTICIPANTS);
  const people = [...new Set(emails)].map((email) => ({ email, name: email.split('@')[0] ?? email }));
  const body =
    'Thanks for the call today. Here is the summary of what we agreed on pricing and scope. '.repeat(18);
  const messages = Array.from({ length: 50 }, (_, i) => ({
    id: i.toString(16).padStart(16, '0'),
    permId: null,
    from: people[i % people.length] ?? { email: 'sam@ourco.com', name: 'Sam' },
    to: people.filter((_, k) => k % 7 === i % 7),
    date: new Date(now - (50 - i) * 3_600_000).toISOString(),
    state: 'expanded' as const,
    text: body,
  }));

  return {
    user: { email: 'sam@ourco.com', crmUserId: 'u1' },
    settings: { internalDomains: ['ourco.com'] },
    now: new Date(now).toISOString(),
    interaction: {
      kind: 'email-thread',
      threadId: '198c6747aabb71a9',
      subject: 'Re: Q1 rollout across the group',
      messages,
      participants: [{ email: 'sam@ourco.com', name: 'Sam' }, ...people],
    },
    crm: { accounts, contacts, opportunities },
  };
}

function measure(task: () => unknown): { median: number; p95: number } {
  for (let i = 0; i < WARMUP; i++) task();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

export function runMatchBench(): { name: string; median: number; p95: number }[] {
  const raw = benchScenario();
  const scenario = MatchScenario.parse(raw);
  const index = buildCrmIndex(scenario.crm);
  const sample = matchScenario(scenario);
  if (sample.decision === 'skip') throw new Error('bench scenario must exercise matching, not a skip');
  const json = JSON.parse(JSON.stringify(raw)) as unknown;
  return [
    { name: 'match (index built per call)', ...measure(() => matchScenario(scenario)) },
    { name: 'match (prebuilt index)', ...measure(() => matchScenario(scenario, index)) },
    {
      name: 'validate + match (raw JSON)',
      ...measure(() => {
        const parsed = parseMatchScenario(json);
        if (!parsed.ok) throw new Error(parsed.error);
        return matchScenario(parsed.scenario);
      }),
    },
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = runMatchBench();
  console.log(
    `match: ${PARTICIPANTS} participants, 50 messages, ${OPPORTUNITIES} opportunities, ` +
      `${ACCOUNTS} accounts, ${ACCOUNTS * CONTACTS_PER_ACCOUNT} contacts; ${RUNS} runs after ${WARMUP} warm-up`,
  );
  for (const row of rows) {
    console.log(`  ${row.name.padEnd(32)} median ${row.median.toFixed(3)} ms   p95 ${row.p95.toFixed(3)} ms`);
  }
  const cold = rows[0];
  if (cold !== undefined) checkBudget('match: cold match p95', cold.p95, BUDGET_MS, 'ms');
}
