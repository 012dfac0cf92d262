import { describe, expect, it } from 'vitest';
import { draftWithRules } from '@/lib/drafting';
import { addBusinessDays, localDay } from '@/lib/drafting/dates';
import type { Interaction } from '@/lib/model';

/** The rules engine's next step, null when nobody committed (the panel's empty row). */
function draftNextStep(input: { interaction: Interaction; nextStageLabel: string | null; now: Date }) {
  const { nextStep } = draftWithRules({
    now: input.now.toISOString(),
    user: { email: 'sam@ourco.com', name: 'Sam Rep' },
    interaction: input.interaction,
  });
  return nextStep.committed ? nextStep : null;
}
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

describe('next step proposal (rules engine): only what someone committed to', () => {
  it('proposes the rep’s own dated commitment, relative to when it was written', () => {
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
    // What it unblocks is not in the text: left empty, never "Moves the deal toward …".
    expect(draft).toEqual({
      subject: 'Happy to walk Carl through it on Tuesday.',
      dueDate: '2026-11-24',
      owner: 'sam@ourco.com',
      unblocks: null,
      committed: true,
      source: 'you',
    });
  });

  it('proposes what the customer committed to ("Legal will…", "let\'s…")', () => {
    const at = '2026-11-16T09:00:00Z'; // a Monday
    const legal = draftNextStep({
      interaction: thread([
        { from: 'jane@acme.com', date: at, text: 'Our legal team will review it by Thursday.' },
      ]),
      nextStageLabel: null,
      now: new Date(at),
    });
    expect(legal).toMatchObject({ dueDate: '2026-11-19', source: 'them', owner: 'sam@ourco.com' });
    const regroup = draftNextStep({
      interaction: thread([
        { from: 'jane@acme.com', date: at, text: "Let's regroup next Tuesday with legal." },
      ]),
      nextStageLabel: null,
      now: new Date(at),
    });
    expect(regroup?.dueDate).toBe('2026-11-24');
  });

  it('proposes nothing for a remark or a question, however dated', () => {
    const at = '2026-11-16T09:00:00Z';
    for (const text of [
      'Moving the call to Friday works.',
      'Could you send the pricing before Thursday?',
      'We need the security review by Thursday.',
      'Thanks!',
    ]) {
      expect(
        draftNextStep({
          interaction: thread([{ from: 'jane@acme.com', date: at, text }]),
          nextStageLabel: null,
          now: new Date(at),
        }),
        text,
      ).toBeNull();
    }
  });

  it('never moves a commitment whose date has passed to tomorrow', () => {
    const draft = draftNextStep({
      interaction: thread([
        { from: 'sam@ourco.com', date: '2026-11-16T09:00:00Z', text: 'I will send the contract on Tuesday.' },
      ]),
      nextStageLabel: null,
      now: new Date('2026-11-25T10:00:00Z'),
    });
    expect(draft).toBeNull();
  });

  it('keeps a commitment without a date, leaving the date to the rep', () => {
    const draft = draftNextStep({
      interaction: thread([
        {
          from: 'sam@ourco.com',
          date: '2026-11-16T09:00:00Z',
          text: "I'll send the security questionnaire.",
        },
      ]),
      nextStageLabel: null,
      now: new Date('2026-11-16T10:00:00Z'),
    });
    expect(draft).toMatchObject({ subject: "I'll send the security questionnaire.", dueDate: null });
  });

  it('drafts from a meeting description that commits to something', () => {
    const meeting: Meeting = {
      kind: 'meeting',
      eventId: 'e1',
      calendarId: 'sam@ourco.com',
      title: 'Acme — pricing review',
      start: '2026-11-24T15:00:00.000Z',
      end: '2026-11-24T15:30:00.000Z',
      attendees: [{ email: 'jane@acme.com', name: 'Jane Doe' }],
      conferenceUrl: null,
      description: 'Agenda: pricing. The committee will decide on Friday.',
    };
    expect(
      draftNextStep({ interaction: meeting, nextStageLabel: null, now: new Date('2026-11-22T10:00:00Z') }),
    ).toMatchObject({ dueDate: '2026-11-27', source: 'notes' });
  });

  it('counts business days over a weekend', () => {
    expect(localDay(addBusinessDays(new Date('2026-11-20T12:00:00Z'), 2))).toBe('2026-11-24');
  });
});
