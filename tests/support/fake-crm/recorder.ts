/**
 * Request log for assertions ("the adapter made exactly one composite call"). Credentials are
 * truncated so logs can be printed or attached to CI artefacts without leaking tokens.
 */
export interface RecordedRequest {
  method: string;
  host: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** Parsed JSON, a form object, raw text, or undefined when empty. */
  body: unknown;
  provider: 'hubspot' | 'salesforce' | 'other';
  /** HTTP status sent, or null when the connection was destroyed without a response. */
  status: number | null;
  /** The fault that shaped this request, if any. */
  fault: string | null;
  /** Server clock (ISO) when the request arrived. */
  at: string;
  durationMs: number;
  /** Wave it was answered in, when the server counts waves (waves.ts). */
  wave?: number;
}

const SECRET_FIELDS = new Set(['client_secret', 'code_verifier', 'refresh_token', 'token', 'code']);

export function redactCredential(value: string): string {
  const m = /^(bearer|basic)\s+(.*)$/i.exec(value);
  if (m) return `${m[1]} ${truncate(m[2] ?? '')}`;
  return truncate(value);
}

function truncate(secret: string): string {
  return secret.length <= 8 ? secret : `${secret.slice(0, 8)}…`;
}

export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[key] = key === 'authorization' || key === 'cookie' ? redactCredential(text) : text;
  }
  return out;
}

/** Form bodies of OAuth calls carry secrets too; keep their presence visible, not their value. */
export function redactForm(form: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(form))
    out[key] = SECRET_FIELDS.has(key) ? truncate(value) : value;
  return out;
}

export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? (all[0] ?? '') : all;
  }
  return out;
}

export class Recorder {
  private entries: RecordedRequest[] = [];

  add(entry: RecordedRequest): void {
    this.entries.push(entry);
  }

  all(): RecordedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
