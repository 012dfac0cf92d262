/**
 * The fake's calendar: events with a change counter. A sync token names the counter when it was
 * issued (and the token generation, so tests can expire every token: Google then answers 410).
 * An incremental listing returns every event changed since, cancelled ones included, as Google
 * documents (https://developers.google.com/workspace/calendar/api/guides/sync).
 */
export interface FakeAttendee {
  email: string;
  displayName?: string;
  self?: boolean;
  organizer?: boolean;
  resource?: boolean;
  responseStatus?: 'needsAction' | 'declined' | 'tentative' | 'accepted';
}

export interface FakeEventInput {
  id: string;
  summary?: string;
  description?: string;
  start: string;
  end: string;
  attendees?: FakeAttendee[];
  status?: 'confirmed' | 'tentative' | 'cancelled';
  hangoutLink?: string;
  eventType?: string;
  /** Raw fields merged into the event as sent (to test fields Dealside does not know). */
  extra?: Record<string, unknown>;
}

interface Stored extends FakeEventInput {
  seq: number;
  created: string;
  updated: string;
}

export class FakeCalendar {
  private events = new Map<string, Stored>();
  private seq = 0;
  /** Raised by `expireSyncTokens`: tokens of an older generation answer 410. */
  generation = 1;

  constructor(
    readonly owner: string,
    private readonly now: () => Date,
  ) {}

  put(input: FakeEventInput): void {
    const at = this.now().toISOString();
    const previous = this.events.get(input.id);
    this.events.set(input.id, { ...input, seq: ++this.seq, created: previous?.created ?? at, updated: at });
  }

  patch(id: string, change: Partial<FakeEventInput>): void {
    const current = this.events.get(id);
    if (!current) throw new Error(`no event ${id}`);
    this.put({ ...current, ...change, id });
  }

  cancel(id: string): void {
    this.patch(id, { status: 'cancelled' });
  }

  /** Empties the calendar; earlier sync tokens then answer 410, as after a reset on Google's side. */
  clear(): void {
    this.events.clear();
    this.generation++;
  }

  syncToken(): string {
    return `sync.${this.generation}.${this.seq}`;
  }

  /** The counter a token was issued at, or 'expired' / 'invalid'. */
  readToken(token: string): number | 'expired' | 'invalid' {
    const m = /^sync\.(\d+)\.(\d+)$/.exec(token);
    if (!m) return 'invalid';
    return Number(m[1]) === this.generation ? Number(m[2]) : 'expired';
  }

  changedSince(seq: number): Stored[] {
    return [...this.events.values()].filter((e) => e.seq > seq).sort((a, b) => a.seq - b.seq);
  }

  all(): Stored[] {
    return [...this.events.values()].sort((a, b) => a.seq - b.seq);
  }

  /** The event as events.list sends it (a deleted one carries little more than its id). */
  resource(event: Stored): Record<string, unknown> {
    const etag = `"${event.seq}000"`;
    if (event.status === 'cancelled')
      return { kind: 'calendar#event', etag, id: event.id, status: 'cancelled' };
    const organizer = event.attendees?.find((a) => a.organizer) ?? { email: this.owner, self: true };
    return {
      kind: 'calendar#event',
      etag,
      id: event.id,
      status: event.status ?? 'confirmed',
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${event.id} ${this.owner}`).toString('base64url')}`,
      created: event.created,
      updated: event.updated,
      summary: event.summary,
      ...(event.description ? { description: event.description } : {}),
      creator: { email: organizer.email, ...(organizer.email === this.owner ? { self: true } : {}) },
      organizer: { email: organizer.email, ...(organizer.email === this.owner ? { self: true } : {}) },
      start: { dateTime: event.start, timeZone: 'UTC' },
      end: { dateTime: event.end, timeZone: 'UTC' },
      iCalUID: `${event.id}@google.com`,
      sequence: 0,
      ...(event.attendees ? { attendees: event.attendees } : {}),
      ...(event.hangoutLink ? { hangoutLink: event.hangoutLink } : {}),
      reminders: { useDefault: true },
      eventType: event.eventType ?? 'default',
      ...event.extra,
    };
  }
}
