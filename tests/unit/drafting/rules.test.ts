import { describe, expect, it } from 'vitest';
import { draftWithRules, type DraftInput } from '@/lib/drafting';
import { datesIn } from '@/lib/drafting/dates';
import { recordingUrl } from '@/lib/drafting/recording';
import type { EmailThread, Meeting } from '@/lib/model';

const sam = { email: 'sam@ourco.com', name: 'Sam Rep' };
const jane = { email: 'jane@acme.com', name: 'Jane Doe' };

function thread(messages: { from: typeof sam; date: string | null; text: string }[]): EmailThread {
  return {
    kind: 'email-thread',
    threadId: '198c6747aabb71a9',
    subject: 'Acme rollout',
    userEmail: sam.email,
    participants: [jane, sam],
    messages: messages.map((m, i) => ({
      id: `m${i}`,
      permId: null,
      from: m.from,
      to: [],
      date: m.date,
      state: 'expanded' as const,
      text: m.text,
    })),
  };
}

function meeting(description: string, start = '2026-11-19T15:00:00.000Z'): Meeting {
  return {
    kind: 'meeting',
    eventId: 'evt1',
    calendarId: sam.email,
    title: 'Acme call',
    start,
    end: null,
    attendees: [sam, jane],
    conferenceUrl: 'https://meet.google.com/abc-defg-hij',
    description,
  };
}

const input = (interaction: DraftInput['interaction'], now = '2026-11-20T16:00:00Z'): DraftInput => ({
  now,
  user: sam,
  interaction,
});

describe('dates: read where and when they were written', () => {
  it('never reads a greeting as a date, in any of the six languages', () => {
    const ref = new Date('2026-11-20T10:00:00Z');
    expect(datesIn('Bonjour Sam, merci pour votre retour.', 'fr', ref)).toEqual([]);
    expect(datesIn('Hallo Jan, danke für die Unterlagen.', 'de', ref)).toEqual([]);
    expect(datesIn('Hoi Jan, bedankt voor de demo.', 'nl', ref)).toEqual([]);
    expect(datesIn('Hi Mar, thanks for the notes.', 'en', ref)).toEqual([]);
    expect(datesIn('Thanks, Sun', 'en', ref)).toEqual([]);
  });

  it('reads a weekday relative to the day it was written, and "Friday" said on a Friday as next week', () => {
    // 2026-11-20 is a Friday.
    expect(datesIn('I will send it by Friday.', 'en', new Date('2026-11-20T10:00:00Z'))).toEqual([
      '2026-11-27',
    ]);
    expect(datesIn('I will send it by Friday.', 'en', new Date('2026-11-18T10:00:00Z'))).toEqual([
      '2026-11-20',
    ]);
    expect(datesIn('Ich schicke es bis Donnerstag.', 'de', new Date('2026-11-20T10:00:00Z'))).toEqual([
      '2026-11-26',
    ]);
    expect(
      datesIn('Le enviaré la propuesta la próxima semana.', 'es', new Date('2026-11-20T10:00:00Z')),
    ).toEqual(['2026-11-23']);
  });

  it('is not fooled by durations or days already gone', () => {
    const ref = new Date('2026-11-20T10:00:00Z');
    expect(datesIn('It saves us 10 hours a week.', 'en', ref)).toEqual([]);
    expect(datesIn('We signed two years ago.', 'en', ref)).toEqual([]);
  });
});

describe('next step', () => {
  it('takes the due date relative to the message, not to when the panel opens', () => {
    const draft = draftWithRules(
      input(
        thread([
          {
            from: sam,
            date: '2026-11-16T09:00:00Z',
            text: 'Hi Jane,\nI will send the proposal on Thursday.',
          },
        ]),
        '2026-11-17T09:00:00Z',
      ),
    );
    expect(draft.nextStep).toMatchObject({ dueDate: '2026-11-19', owner: sam.email });
  });

  it('proposes nothing when nobody committed, and never a filler for what it unblocks', () => {
    const draft = draftWithRules(
      input(
        thread([{ from: jane, date: '2026-11-20T09:00:00Z', text: 'Hi Sam,\nCould you send it by Friday?' }]),
      ),
    );
    expect(draft.nextStep).toEqual({
      subject: '',
      dueDate: null,
      owner: sam.email,
      unblocks: null,
      committed: false,
      source: null,
    });
  });

  it('leaves "what it unblocks" empty when the text does not say', () => {
    const draft = draftWithRules(
      input(thread([{ from: sam, date: '2026-11-20T09:00:00Z', text: 'I will call you on Tuesday.' }])),
    );
    expect(draft.nextStep).toMatchObject({ subject: 'I will call you on Tuesday.', unblocks: null });
  });

  it('gives the step to the customer who committed to it, and keeps "let’s" with the rep', () => {
    const theirs = draftWithRules(
      input(
        thread([{ from: jane, date: '2026-11-20T09:00:00Z', text: "I'll send the SOC 2 report on Monday." }]),
      ),
    );
    expect(theirs.nextStep).toMatchObject({ owner: jane.email, dueDate: '2026-11-23', source: 'them' });
    const shared = draftWithRules(
      input(thread([{ from: jane, date: '2026-11-20T09:00:00Z', text: "Let's meet again on Monday." }])),
    );
    expect(shared.nextStep.owner).toBe(sam.email);
  });

  it('prefers a commitment with a day still ahead over a newer undated one', () => {
    const draft = draftWithRules(
      input(
        thread([
          { from: sam, date: '2026-11-19T09:00:00Z', text: 'I will send the pricing on Tuesday.' },
          { from: jane, date: '2026-11-20T09:00:00Z', text: 'We will look at it with our team.' },
        ]),
      ),
    );
    expect(draft.nextStep).toMatchObject({
      subject: 'I will send the pricing on Tuesday.',
      dueDate: '2026-11-24',
    });
  });

  it('reads a meeting’s dates relative to its start', () => {
    const notes = meeting('Next steps:\n- Sam to send the order form tomorrow');
    // Held on Nov 19: "tomorrow" is the 20th, even when the rep logs it later that evening.
    expect(draftWithRules(input(notes, '2026-11-19T21:00:00Z')).nextStep).toMatchObject({
      subject: 'Sam to send the order form tomorrow',
      dueDate: '2026-11-20',
    });
    // On the 25th that day is gone: a promise kept or missed, not the next step.
    expect(draftWithRules(input(notes, '2026-11-25T09:00:00Z')).nextStep.committed).toBe(false);
  });
});

describe('qualification', () => {
  it('takes evidence only from the customer in a thread: the rep’s own claims are not evidence', () => {
    const draft = draftWithRules(
      input(
        thread([
          {
            from: sam,
            date: '2026-11-19T09:00:00Z',
            text: 'I understand your CFO signs off on this budget.',
          },
          {
            from: jane,
            date: '2026-11-20T09:00:00Z',
            text: 'Our team loses 2 days a month to manual reporting.',
          },
        ]),
      ),
    );
    expect(draft.qualification.map((q) => q.field)).toEqual(['metrics', 'identifyPain']);
    expect(draft.qualification[0]).toEqual({
      field: 'metrics',
      value: '2 days a month',
      evidence: 'Our team loses 2 days a month to manual reporting.',
    });
  });

  it('follows the framework the admin picked', () => {
    const text = 'We have a budget of €20,000 and need to replace our spreadsheets.';
    const base = input(thread([{ from: jane, date: '2026-11-20T09:00:00Z', text }]));
    const bant = draftWithRules({ ...base, settings: { qualification: 'BANT' } });
    expect(bant.qualification.map((q) => [q.field, q.value])).toEqual([
      ['budget', '€20,000'],
      ['need', text],
    ]);
    const meddic = draftWithRules(base);
    expect(meddic.qualification.map((q) => q.field)).toEqual(['identifyPain']);
  });
});

describe('recording link', () => {
  it('takes Zoom and Teams recordings by their shape, Drive and Docs only when called a recording or notes', () => {
    expect(recordingUrl('https://acme.zoom.us/rec/share/xyz')).toBe('https://acme.zoom.us/rec/share/xyz');
    expect(recordingUrl('Recap https://teams.microsoft.com/l/meetingrecap?threadId=1')).toBe(
      'https://teams.microsoft.com/l/meetingrecap?threadId=1',
    );
    expect(recordingUrl('Deck: https://drive.google.com/file/d/1deck/view')).toBeNull();
    expect(recordingUrl('Recording: https://drive.google.com/file/d/1rec/view.')).toBe(
      'https://drive.google.com/file/d/1rec/view',
    );
    expect(recordingUrl('Notizen: https://docs.google.com/document/d/1n/edit')).toBe(
      'https://docs.google.com/document/d/1n/edit',
    );
    expect(recordingUrl('Join: https://meet.google.com/abc-defg-hij')).toBeNull();
  });

  it('is looked for in meetings only', () => {
    const draft = draftWithRules(
      input(
        thread([
          { from: jane, date: '2026-11-20T09:00:00Z', text: 'Recording: https://acme.zoom.us/rec/share/x' },
        ]),
      ),
    );
    expect(draft.recordingUrl).toBeNull();
  });
});
