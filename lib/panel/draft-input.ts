/** What the panel asks the drafting engines about: the open interaction, as the rep. */
import type { DraftInput, Framework } from '../drafting';
import type { Interaction } from '../model';

export function repOf(interaction: Interaction): { email: string; name: string } {
  const email =
    interaction.userEmail ?? (interaction.kind === 'meeting' ? interaction.calendarId : null) ?? '';
  return { email, name: '' };
}

export function draftInputFor(interaction: Interaction, framework: Framework, now: Date): DraftInput {
  return {
    now: now.toISOString(),
    user: repOf(interaction),
    settings: { qualification: framework },
    interaction,
  };
}
