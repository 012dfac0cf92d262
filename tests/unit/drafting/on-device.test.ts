import { describe, expect, it, vi } from 'vitest';
import { draftOnDevice, draftWithRules, parseDraftInput, type DraftInput } from '@/lib/drafting';
import type { Availability, LanguageModelApi, LanguageModelSession } from '@/lib/drafting/prompt-api';
import { builtInLanguageModel } from '@/lib/drafting/prompt-api';
import { draftFixtures } from './fixtures';

function fixtureInput(name: string): DraftInput {
  const fixture = draftFixtures().find((f) => f.name === name)!;
  const parsed = parseDraftInput(fixture.input);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.input;
}

const input = fixtureInput('en-thread-meddic-rep-commits');
const rules = draftWithRules(input);

const goodAnswer = {
  summary: ['Acme loses renewals to manual reconciliation.', 'Maria Lopez signs above $40k.'],
  nextStep: {
    subject: 'Send revised pricing and the security pack',
    dueDate: '2026-11-26',
    owner: 'sam@ourco.com',
    unblocks: 'Maria can review it before her budget meeting.',
  },
  qualification: [
    {
      field: 'economicBuyer',
      value: 'Maria Lopez (CFO)',
      evidence: 'Our CFO, Maria Lopez, signs off on anything above $40k.',
    },
  ],
};

/** A fake `LanguageModel`: its availability, an optional download, and the text it answers. */
function fakeModel(options: {
  availability: Availability;
  answer?: string | (() => Promise<string>);
  download?: (progress: (loaded: number) => void) => Promise<void>;
}) {
  const prompt = vi.fn<LanguageModelSession['prompt']>(async () =>
    typeof options.answer === 'function' ? options.answer() : (options.answer ?? JSON.stringify(goodAnswer)),
  );
  const destroy = vi.fn();
  const create = vi.fn<LanguageModelApi['create']>(async (opts) => {
    if (options.download) {
      let listener: ((event: { loaded: number }) => void) | undefined;
      opts?.monitor?.({ addEventListener: (_type, l) => (listener = l) });
      await options.download((loaded) => listener?.({ loaded }));
    }
    return { prompt, destroy };
  });
  const availability = vi.fn<LanguageModelApi['availability']>(async () => options.availability);
  return { api: { availability, create } satisfies LanguageModelApi, prompt, create, destroy, availability };
}

describe('on-device engine (Chrome’s built-in model), with a fake model', () => {
  it('drafts with the model when it is available, constrained to the contract’s JSON', async () => {
    const model = fakeModel({ availability: 'available' });
    const outcome = await draftOnDevice(input, { model: model.api });
    expect(outcome.status).toEqual({ state: 'available', note: null });
    expect(outcome.draft).toEqual({ engine: 'on-device', ...goodAnswer, recordingUrl: null });
    expect(model.availability).toHaveBeenCalledWith({
      expectedInputs: [{ type: 'text', languages: ['en'] }],
      expectedOutputs: [{ type: 'text', languages: ['en'] }],
    });
    const [, promptOptions] = model.prompt.mock.calls[0]!;
    expect(promptOptions?.responseConstraint).toMatchObject({
      required: ['summary', 'nextStep', 'qualification'],
    });
    expect(JSON.stringify(promptOptions?.responseConstraint)).toContain('"decisionCriteria"');
    expect(model.destroy).toHaveBeenCalled();
  });

  it('asks in the thread’s language', async () => {
    const model = fakeModel({ availability: 'unavailable' });
    await draftOnDevice(fixtureInput('de-thread-angebot-hallo-jan'), { model: model.api });
    expect(model.availability.mock.calls[0]![0]?.expectedInputs?.[0]?.languages).toEqual(['de']);
  });

  it.each([
    ['unavailable', 'cannot run here'],
    ['downloadable', 'can download'],
  ] as const)(
    'falls back to the rules when the model is %s, without starting a download',
    async (state, note) => {
      const model = fakeModel({ availability: state });
      const outcome = await draftOnDevice(input, { model: model.api });
      expect(outcome.draft).toEqual(rules);
      expect(outcome.draft.engine).toBe('rules');
      expect(outcome.status.state).toBe(state);
      expect(outcome.status.note).toContain(note);
      expect(model.create).not.toHaveBeenCalled();
    },
  );

  it('falls back to the rules in a browser without the API', async () => {
    expect(builtInLanguageModel({})).toBeNull();
    expect(builtInLanguageModel({ LanguageModel: { availability: () => 'available' } })).toBeNull();
    const outcome = await draftOnDevice(input, { model: builtInLanguageModel({}) });
    expect(outcome).toMatchObject({ draft: rules, status: { state: 'unsupported' } });
  });

  it('waits for a download in progress, reporting how far it is, then drafts with the model', async () => {
    let finish!: () => void;
    const heard: number[] = [];
    const model = fakeModel({
      availability: 'downloading',
      download: async (progress) => {
        progress(0.25);
        progress(0.5);
        await new Promise<void>((resolve) => (finish = resolve));
        progress(1);
      },
    });
    const drafting = draftOnDevice(input, { model: model.api, onProgress: (loaded) => heard.push(loaded) });
    await expect.poll(() => heard).toEqual([0.25, 0.5]);
    expect(model.prompt).not.toHaveBeenCalled();
    finish();
    const outcome = await drafting;
    expect(heard).toEqual([0.25, 0.5, 1]);
    expect(outcome.draft.engine).toBe('on-device');
  });

  it.each([
    ['not JSON', 'Sure! Here is the summary: …'],
    ['the wrong shape', JSON.stringify({ summary: 'one string', nextStep: null, qualification: [] })],
    ['four summary sentences', JSON.stringify({ ...goodAnswer, summary: ['a', 'b', 'c', 'd'] })],
    [
      'a date that is no date',
      JSON.stringify({ ...goodAnswer, nextStep: { ...goodAnswer.nextStep, dueDate: 'Thursday' } }),
    ],
  ])('falls back to the rules when the answer is %s', async (_what, answer) => {
    const outcome = await draftOnDevice(input, {
      model: fakeModel({ availability: 'available', answer }).api,
    });
    expect(outcome.draft).toEqual(rules);
    expect(outcome.status.state).toBe('failed');
    expect(outcome.status.note).toContain('could not be used');
  });

  it('falls back to the rules when the model throws', async () => {
    const model = fakeModel({
      availability: 'available',
      answer: () => Promise.reject(new DOMException('busy', 'NotAllowedError')),
    });
    const outcome = await draftOnDevice(input, { model: model.api });
    expect(outcome).toMatchObject({ draft: rules, status: { state: 'failed' } });
    expect(model.destroy).toHaveBeenCalled();
  });

  it('keeps only evidence that is in the text, fields of the framework, and owners in the conversation', async () => {
    const answer = JSON.stringify({
      ...goodAnswer,
      nextStep: { ...goodAnswer.nextStep, owner: 'someone@elsewhere.com' },
      qualification: [
        ...goodAnswer.qualification,
        { field: 'champion', value: 'Jane', evidence: 'Jane will champion this internally.' },
        {
          field: 'budget',
          value: '$40k',
          evidence: 'Our CFO, Maria Lopez, signs off on anything above $40k.',
        },
      ],
    });
    const outcome = await draftOnDevice(input, {
      model: fakeModel({ availability: 'available', answer }).api,
    });
    expect(outcome.draft.nextStep.owner).toBe('sam@ourco.com');
    expect(outcome.draft.qualification.map((q) => q.field)).toEqual(['economicBuyer']);
  });

  it('takes the recording link from the rules, never from the model', async () => {
    const meeting = fixtureInput('fr-meeting-compte-rendu');
    const outcome = await draftOnDevice(meeting, { model: fakeModel({ availability: 'available' }).api });
    expect(outcome.draft.recordingUrl).toBe('https://lumiere.zoom.us/rec/share/AbCdEf123-xyz');
  });
});
