/**
 * The slice of Chrome's built-in Prompt API (`LanguageModel`, Gemini Nano on the rep's machine)
 * that drafting uses, typed here because TypeScript's DOM library does not have it yet. Shape per
 * https://developer.chrome.com/docs/ai/prompt-api and the W3C explainer: `availability()` →
 * "unavailable" | "downloadable" | "downloading" | "available"; `create()` with a `monitor` for
 * download progress; `prompt()` with a JSON Schema `responseConstraint`.
 */
export type Availability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

export interface LanguageOptions {
  expectedInputs?: { type: 'text'; languages: string[] }[];
  expectedOutputs?: { type: 'text'; languages: string[] }[];
}

export interface DownloadMonitor {
  addEventListener(type: 'downloadprogress', listener: (event: { loaded: number }) => void): void;
}

export interface LanguageModelSession {
  prompt(input: string, options?: { responseConstraint?: object; signal?: AbortSignal }): Promise<string>;
  destroy(): void;
}

export interface LanguageModelApi {
  availability(options?: LanguageOptions): Promise<Availability>;
  create(
    options?: LanguageOptions & {
      initialPrompts?: { role: 'system' | 'user' | 'assistant'; content: string }[];
      monitor?: (monitor: DownloadMonitor) => void;
      signal?: AbortSignal;
    },
  ): Promise<LanguageModelSession>;
}

/** The browser's `LanguageModel`, when it has one (feature detection, never a version check). */
export function builtInLanguageModel(scope: object = globalThis): LanguageModelApi | null {
  const candidate = (scope as { LanguageModel?: unknown }).LanguageModel;
  if (!candidate || (typeof candidate !== 'object' && typeof candidate !== 'function')) return null;
  const api = candidate as Partial<LanguageModelApi>;
  return typeof api.availability === 'function' && typeof api.create === 'function'
    ? (api as LanguageModelApi)
    : null;
}
