/**
 * The on-device engine: Chrome's built-in model drafts the same `Draft` as the rules, so the
 * text never leaves the machine. Whatever it answers is checked before the panel sees it — the
 * contract's zod schema, qualification fields of the admin's framework only, evidence that is
 * really in the text, an owner who is in the conversation — and anything off falls back to the
 * rules draft, which is always computed first. The recording link always comes from the rules:
 * a model must not make up a URL.
 */
import * as z from 'zod/mini';
import {
  Draft,
  DraftNextStep,
  QUALIFICATION_FIELDS,
  QualificationSuggestion,
  type DraftInput,
} from './contract';
import type { Language } from './language';
import type { Availability, LanguageModelApi } from './prompt-api';
import { draftWithRules, type RulesDraft } from './rules';

export type EngineState = Availability | 'unsupported' | 'failed' | 'off';

export interface EngineStatus {
  state: EngineState;
  /** For the rep, when the rules drafted instead of the model; null when the model drafted. */
  note: string | null;
}

export interface DraftOutcome {
  draft: Draft;
  /** The rules draft, with what the panel needs beyond the contract (who committed, language). */
  rules: RulesDraft;
  status: EngineStatus;
}

const ModelAnswer = z.object({
  summary: z.array(z.string()),
  nextStep: DraftNextStep,
  qualification: z.array(QualificationSuggestion),
});

/** The JSON Schema handed to `prompt()` as `responseConstraint`. */
export function responseSchema(fields: readonly string[]): object {
  const text = { type: 'string' };
  return {
    type: 'object',
    additionalProperties: false,
    required: ['summary', 'nextStep', 'qualification'],
    properties: {
      summary: { type: 'array', maxItems: 3, items: text },
      nextStep: {
        type: 'object',
        additionalProperties: false,
        required: ['subject', 'dueDate', 'owner', 'unblocks'],
        properties: {
          subject: text,
          dueDate: { anyOf: [{ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, { type: 'null' }] },
          owner: text,
          unblocks: { anyOf: [text, { type: 'null' }] },
        },
      },
      qualification: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['field', 'value', 'evidence'],
          properties: { field: { enum: [...fields] }, value: text, evidence: text },
        },
      },
    },
  };
}

function transcript(input: DraftInput): string {
  const { interaction } = input;
  if (interaction.kind === 'meeting') {
    const who = interaction.attendees.map((a) => `${a.name || a.email} <${a.email}>`).join(', ');
    return `Meeting "${interaction.title}" starting ${interaction.start ?? 'unknown'} with ${who}.\nNotes:\n${interaction.description}`;
  }
  return [
    `Email thread "${interaction.subject}".`,
    ...interaction.messages.map(
      (m) =>
        `--- From ${m.from.name || m.from.email} <${m.from.email}> on ${m.date ?? 'unknown date'}:\n${m.text}`,
    ),
  ].join('\n');
}

function instructions(input: DraftInput, fields: readonly string[]): string {
  return [
    'You help a sales rep log a customer conversation. Answer in the language of the conversation.',
    `The rep is ${input.user.email}. Today is ${input.now}.`,
    'summary: at most three sentences saying what matters for the deal.',
    'nextStep: what someone committed to do next; owner is the email of who committed (the rep unless the text names someone else); dueDate is YYYY-MM-DD read relative to when it was written, or null; unblocks is one sentence from the text on what it unblocks, or null. Never invent. A greeting such as "Bonjour Sam," is not a date.',
    `qualification: only for these fields: ${fields.join(', ')}; evidence is the exact sentence from the text.`,
  ].join('\n');
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** The model's answer as a Draft, or null when it cannot be trusted. */
export function checkAnswer(raw: string, input: DraftInput, rules: RulesDraft): Draft | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = z.safeParse(ModelAnswer, json);
  if (!parsed.success) return null;
  const answer = parsed.data;
  const text = squash(transcript(input));
  const fields: readonly string[] = QUALIFICATION_FIELDS[input.settings?.qualification ?? 'MEDDIC'];
  const people = new Set(
    (input.interaction.kind === 'meeting'
      ? input.interaction.attendees
      : [...input.interaction.participants, ...input.interaction.messages.map((m) => m.from)]
    ).map((p) => p.email.toLowerCase()),
  );
  const rep = input.user.email.toLowerCase();
  const owner = answer.nextStep.owner.toLowerCase();
  const draft: Draft = {
    engine: 'on-device',
    summary: answer.summary.map((s) => s.trim()).filter(Boolean),
    nextStep: { ...answer.nextStep, owner: people.has(owner) ? owner : rep },
    qualification: answer.qualification.filter(
      (q, i, all) =>
        fields.includes(q.field) &&
        text.includes(squash(q.evidence)) &&
        all.findIndex((other) => other.field === q.field) === i,
    ),
    recordingUrl: rules.recordingUrl,
  };
  return z.safeParse(Draft, draft).success ? draft : null;
}

/** Chrome's model speaks fewer languages than the rules; it is asked only about those it has. */
function languageOptions(language: Language) {
  return {
    expectedInputs: [{ type: 'text' as const, languages: [language] }],
    expectedOutputs: [{ type: 'text' as const, languages: [language] }],
  };
}

const NOTES: Record<Exclude<EngineState, 'available'>, string> = {
  off: 'Drafted by the rules: your admin turned the on-device model off.',
  unsupported: 'Drafted by the rules: this browser has no built-in model.',
  unavailable: 'Drafted by the rules: the built-in model cannot run here or does not speak this language.',
  downloadable: 'Drafted by the rules: Chrome can download its built-in model to draft on this device.',
  downloading: 'Drafted by the rules while Chrome downloads its built-in model.',
  failed: 'Drafted by the rules: the built-in model’s answer could not be used.',
};

const fallback = (rules: RulesDraft, state: Exclude<EngineState, 'available'>): DraftOutcome => ({
  draft: rules,
  rules,
  status: { state, note: NOTES[state] },
});

/**
 * Drafts with the built-in model when there is one, else (and on any doubt) with the rules.
 * While the model downloads, `onProgress` hears how far (0–1), and the draft waits for it.
 */
export async function draftOnDevice(
  input: DraftInput,
  options: { model: LanguageModelApi | null; onProgress?: (loaded: number) => void; signal?: AbortSignal },
): Promise<DraftOutcome> {
  const rules = draftWithRules(input);
  const { model } = options;
  if (!model) return fallback(rules, 'unsupported');
  const fields = QUALIFICATION_FIELDS[input.settings?.qualification ?? 'MEDDIC'];
  const languages = languageOptions(rules.language);
  let session;
  try {
    const availability = await model.availability(languages);
    // A download is 2 GB or more and needs the rep's click: never started from here.
    if (availability !== 'available' && availability !== 'downloading') return fallback(rules, availability);
    session = await model.create({
      ...languages,
      initialPrompts: [{ role: 'system', content: instructions(input, fields) }],
      ...(options.signal ? { signal: options.signal } : {}),
      monitor: (monitor) =>
        monitor.addEventListener('downloadprogress', (event) => options.onProgress?.(event.loaded)),
    });
    const raw = await session.prompt(transcript(input), {
      responseConstraint: responseSchema(fields),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const draft = checkAnswer(raw, input, rules);
    return draft ? { draft, rules, status: { state: 'available', note: null } } : fallback(rules, 'failed');
  } catch {
    return fallback(rules, 'failed');
  } finally {
    session?.destroy();
  }
}
