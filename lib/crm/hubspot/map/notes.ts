/**
 * Reads that are nice to have degrade into a note for the rep instead of failing the whole
 * answer: a missing scope, an unknown property or a deleted record should cost one line of
 * context, not the panel. Sign-in, rate-limit and network failures still propagate, because
 * they affect every read and the caller retries or asks the rep to sign in.
 */
import { CrmError } from '../../../http/errors';

export class Notes {
  private readonly items: string[] = [];

  add(note: string): void {
    if (!this.items.includes(note)) this.items.push(note);
  }

  list(): string[] {
    return [...this.items];
  }
}

const DEGRADABLE = new Set(['permission', 'validation', 'notFound']);

export async function orNote<T>(run: Promise<T>, notes: Notes, note: string, fallback: T): Promise<T> {
  try {
    return await run;
  } catch (error) {
    if (error instanceof CrmError && DEGRADABLE.has(error.kind)) {
      notes.add(error.kind === 'permission' ? `${note} (HubSpot permission missing).` : `${note}.`);
      return fallback;
    }
    throw error;
  }
}

export const SKIPPED_RECORDS_NOTE = 'Some HubSpot records came back in an unexpected shape and were skipped.';
