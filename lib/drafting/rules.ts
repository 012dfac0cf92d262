/**
 * The rules engine: deterministic, works everywhere, the fallback for the on-device model and the
 * engine of the `draft` CLI. Pure: the same input gives the same draft.
 */
import type { Person } from '../model';
import type { Draft, DraftInput } from './contract';
import { guessLanguage, type Language } from './language';
import { findNextStep, type NextStepFound } from './next-step';
import { suggestQualification } from './qualification';
import { recordingUrl } from './recording';
import { allText, whatWasSaid } from './said';
import { summarize } from './summary';

/** The draft and what the panel says about it beyond the contract. */
export interface RulesDraft extends Draft {
  language: Language;
  nextStep: NextStepFound;
}

function peopleOf(input: DraftInput): Person[] {
  const { interaction } = input;
  return interaction.kind === 'meeting'
    ? interaction.attendees
    : [...interaction.participants, ...interaction.messages.map((m) => m.from)];
}

export function draftWithRules(input: DraftInput): RulesDraft {
  const { interaction, user } = input;
  const now = new Date(input.now);
  const language = guessLanguage(
    allText(interaction),
    interaction.kind === 'email-thread' ? interaction.lang : null,
  );
  const said = whatWasSaid(interaction, user.email, now);
  return {
    engine: 'rules',
    language,
    summary: summarize({ said, interaction, language }),
    nextStep: findNextStep({ said, language, rep: user, people: peopleOf(input), now }),
    qualification: suggestQualification({
      said,
      framework: input.settings?.qualification ?? 'MEDDIC',
      language,
      isThread: interaction.kind === 'email-thread',
    }),
    recordingUrl: interaction.kind === 'meeting' ? recordingUrl(interaction.description) : null,
  };
}

/** The draft as the contract prints it: exactly the published fields, in their order. */
export function contractDraft(draft: Draft): Draft {
  const { subject, dueDate, owner, unblocks } = draft.nextStep;
  return {
    engine: draft.engine,
    summary: draft.summary,
    nextStep: { subject, dueDate, owner, unblocks },
    qualification: draft.qualification.map(({ field, value, evidence }) => ({ field, value, evidence })),
    recordingUrl: draft.recordingUrl,
  };
}
