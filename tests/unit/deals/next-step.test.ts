import { describe, expect, it } from 'vitest';
import { addBusinessDays, draftNextStep, localDate } from '@/lib/deals/next-step';
import type { EmailThread, Meeting } from '@/lib/model';

function thread(messages: { from: string; date: string; text: string }[]): EmailThread {
  return {
    kind: 'email-thread',
    threadId: '198c6747aabb71a9',
    subject: 'Acme rollout: pricing for 250 seats',
    userEmail: 'sam@ourco.com',
    participants: [
      { email: 'jane@acme.com', name: 'Jane Doe' },
      { email: 'sam@ourco.com', name: 'Sam Rep' },
    ],
    messages: messages.map((m, i) => ({
      id: `m${i}`,
      permId: null,
      from: { email: m.from, name: m.from },
      to: [],
      date: m.date,
      state: 'expanded' as const,
      text: m.text,
    })),
  };
}

describe('next step draft', () => {
  it('takes the newest sentence with a date, relative to when it was written', () => {
    const draft = draftNextStep({
      interaction: thread([
        {
          from: 'jane@acme.com',
          date: '2026-11-20T13:19:00Z',
          text: 'Hi Sam,\nCould you send the pricing before Thursday?',
        },
        {
          from: 'sam@ourco.com',
          date: '2026-11-20T15:02:00Z',
          text: 'Jane, attached. Happy to walk Carl through it on Tuesday.',
        },
      ]),
      nextStageLabel: 'Negotiation/Review',
      now: new Date('2026-11-22T10:00:00Z'),
    });
    expect(draft).toEqual({
      subject: 'Happy to walk Carl through it on Tuesday.',
      dueDate: '2026-11-24',
      unblocks: 'Moves the deal toward Negotiation/Review.',
    });
  });

  it('reads "next Tuesday" and "by Thursday"', () => {
    const at = '2026-11-16T09:00:00Z'; // a Monday
    const byThursday = draftNextStep({
      interaction: thread([
        { from: 'jane@acme.com', date: at, text: 'We need the security review by Thursday.' },
      ]),
      nextStageLabel: null,
      now: new Date(at),
    });
    expect(byThursday.dueDate).toBe('2026-11-19');
    const nextTuesday = draftNextStep({
      interaction: thread([
        { from: 'jane@acme.com', date: at, text: 'Let us regroup next Tuesday with legal.' },
      ]),
      nextStageLabel: null,
      now: new Date(at),
    });
    expect(nextTuesday.dueDate).toBe('2026-11-24');
  });

  it('falls back to following up with the buyer in two business days', () => {
    const draft = draftNextStep({
      interaction: thread([{ from: 'jane@acme.com', date: '2026-11-20T13:19:00Z', text: 'Thanks!' }]),
      nextStageLabel: null,
      now: new Date('2026-11-20T14:00:00Z'),
    });
    expect(draft).toEqual({
      subject: 'Follow up with Jane Doe',
      dueDate: '2026-11-24',
      unblocks: 'Keeps the deal moving.',
    });
  });

  it('drafts from a meeting description', () => {
    const meeting: Meeting = {
      kind: 'meeting',
      eventId: 'e1',
      calendarId: 'sam@ourco.com',
      title: 'Acme — pricing review',
      start: '2026-11-24T15:00:00.000Z',
      end: '2026-11-24T15:30:00.000Z',
      attendees: [{ email: 'jane@acme.com', name: 'Jane Doe' }],
      conferenceUrl: null,
      description: 'Agenda: pricing. Decision expected on Friday.',
    };
    expect(
      draftNextStep({ interaction: meeting, nextStageLabel: null, now: new Date('2026-11-22T10:00:00Z') })
        .dueDate,
    ).toBe('2026-11-27');
  });

  it('counts business days over a weekend', () => {
    expect(localDate(addBusinessDays(new Date('2026-11-20T12:00:00Z'), 2))).toBe('2026-11-24');
  });
});
