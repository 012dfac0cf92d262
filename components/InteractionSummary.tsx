import type { Interaction, Person } from '@/lib/model';

function people(interaction: Interaction): Person[] {
  return interaction.kind === 'meeting' ? interaction.attendees : interaction.participants;
}

function formatWhen(iso: string | null): string | null {
  if (!iso) return null;
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** What is open: the thread's subject or the meeting's title and time, and who is in it. */
export function InteractionSummary({ interaction }: { interaction: Interaction }) {
  const heading = interaction.kind === 'meeting' ? interaction.title : interaction.subject;
  const when = interaction.kind === 'meeting' ? formatWhen(interaction.start) : null;
  return (
    <section
      className="interaction"
      aria-label={interaction.kind === 'meeting' ? 'Open meeting' : 'Open thread'}
    >
      <p className="eyebrow">{interaction.kind === 'meeting' ? 'Meeting' : 'Email thread'}</p>
      <h1 className="interaction-title">{heading || '(no subject)'}</h1>
      {when && <p className="muted">{when}</p>}
      <ul className="people" aria-label="Participants">
        {people(interaction).map((person) => (
          <li key={person.email}>
            <span className="person-name">{person.name || person.email}</span>{' '}
            <span className="person-email">{person.email}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
