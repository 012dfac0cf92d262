/**
 * The draft of the open thread or meeting: the rules' at once, then — when the admin allows it
 * and the browser has a built-in model — the on-device model's, which replaces it only if it
 * passes the contract's checks. The text never leaves the machine.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Config } from '@/lib/config/schema';
import {
  builtInLanguageModel,
  draftOnDevice,
  draftWithRules,
  type DraftOutcome,
  type LanguageModelApi,
} from '@/lib/drafting';
import { interactionKey, type Interaction } from '@/lib/model';
import { draftInputFor } from '@/lib/panel/draft-input';

export interface DraftState {
  outcome: DraftOutcome;
  /** The on-device model is still drafting (or downloading): the rules' draft shows meanwhile. */
  pending: boolean;
  /** Download progress of the built-in model, 0–1, while Chrome downloads it. */
  progress: number | null;
}

export function useDraft(
  interaction: Interaction,
  config: Pick<Config, 'draftingEngine' | 'qualificationFramework'>,
  model: LanguageModelApi | null = builtInLanguageModel(),
): DraftState {
  const key = interactionKey(interaction);
  const framework = config.qualificationFramework;
  const rulesOutcome = useMemo<DraftOutcome>(() => {
    const rules = draftWithRules(draftInputFor(interaction, framework, new Date()));
    const state = config.draftingEngine === 'rules' ? 'off' : model ? 'available' : 'unsupported';
    const note =
      state === 'off'
        ? 'Drafted by the rules: your admin turned the on-device model off.'
        : state === 'unsupported'
          ? 'Drafted by the rules: this browser has no built-in model.'
          : null;
    return { draft: rules, rules, status: { state, note } };
    // The interaction's key says when it is another thread, meeting or message.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, framework, config.draftingEngine, model]);
  const [onDevice, setOnDevice] = useState<{ key: string; outcome: DraftOutcome } | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const useModel = config.draftingEngine !== 'rules' && model !== null;

  useEffect(() => {
    if (!useModel) return;
    let live = true;
    const abort = new AbortController();
    void draftOnDevice(draftInputFor(interaction, framework, new Date()), {
      model,
      signal: abort.signal,
      onProgress: (loaded) => live && setProgress(loaded),
    }).then((outcome) => {
      if (live) setOnDevice({ key: `${key}|${framework}`, outcome });
    });
    return () => {
      live = false;
      abort.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, framework, useModel, model]);

  const current = onDevice?.key === `${key}|${framework}` ? onDevice.outcome : null;
  return {
    outcome: current ?? rulesOutcome,
    pending: useModel && current === null,
    progress: current ? null : progress,
  };
}
