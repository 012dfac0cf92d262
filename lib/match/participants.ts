/**
 * Who is in the thread or meeting, and which of them are outside the company. A meeting is the
 * same problem as a thread: attendees are the participants, the title is the subject, and the
 * description stands in for the one inbound message.
 */
import { interactionSourceId, type Interaction, type Person } from '../model';
import { domainOf, domainSet, inDomainSet, normalizeDomain, normalizeEmail } from './address';
import type { MatchScenario } from './schema';

export interface Participant {
  /** Normalized address: the key for every comparison. */
  readonly key: string;
  /** The address as written (trimmed, lower-case), for reasons the rep reads. */
  readonly address: string;
  /** Display name from the page, '' when there is none. */
  readonly name: string;
  readonly domain: string;
  readonly internal: boolean;
}

/** A message written by someone outside the company; `sender` is null when unknown (meetings). */
export interface InboundMessage {
  readonly sender: Participant | null;
  readonly text: string;
}

export interface Conversation {
  /** Thread id or event id: what history is keyed by. */
  readonly sourceId: string;
  readonly subject: string;
  /** Unique by address, in order of appearance. */
  readonly participants: readonly Participant[];
  readonly external: readonly Participant[];
  readonly inbound: readonly InboundMessage[];
}

export interface Policy {
  readonly internalDomains: ReadonlySet<string>;
  readonly excludedDomains: ReadonlySet<string>;
  readonly personalDomains: ReadonlySet<string>;
  readonly userAddresses: ReadonlySet<string>;
}

/**
 * The user's own domain counts as internal even when the admin listed none, so colleagues are
 * never matched as prospects by default — unless it is a free-mail domain, where only the user's
 * own address is internal.
 */
export function resolvePolicy(scenario: MatchScenario): Policy {
  const { settings, user, interaction } = scenario;
  const personalDomains = domainSet(settings.personalDomains);
  const userAddresses = new Set(
    [user.email, interaction.userEmail ?? ''].map((e) => e.trim()).filter((e) => e.includes('@')),
  );
  const internalDomains = domainSet(settings.internalDomains);
  for (const address of userAddresses) {
    const domain = normalizeDomain(domainOf(address.toLowerCase()));
    if (domain !== '' && !personalDomains.has(domain)) internalDomains.add(domain);
  }
  return {
    internalDomains,
    excludedDomains: domainSet(settings.excludedDomains),
    personalDomains,
    userAddresses: new Set([...userAddresses].map(normalizeEmail)),
  };
}

function toParticipant(person: Person, policy: Policy): Participant | null {
  const key = normalizeEmail(person.email);
  if (!key.includes('@')) return null;
  const domain = domainOf(key);
  return {
    key,
    address: person.email.trim().toLowerCase(),
    name: person.name.trim(),
    domain,
    internal: policy.userAddresses.has(key) || inDomainSet(domain, policy.internalDomains),
  };
}

function peopleOf(interaction: Interaction): Person[] {
  if (interaction.kind === 'meeting') return interaction.attendees;
  // The page's participant list can miss people only named in a collapsed message's headers.
  const fromMessages = interaction.messages.flatMap((m) => [m.from, ...m.to]);
  return [...interaction.participants, ...fromMessages];
}

export function readConversation(interaction: Interaction, policy: Policy): Conversation {
  const byKey = new Map<string, Participant>();
  for (const person of peopleOf(interaction)) {
    const participant = toParticipant(person, policy);
    if (participant === null) continue;
    const seen = byKey.get(participant.key);
    if (seen === undefined) byKey.set(participant.key, participant);
    else if (seen.name === '' && participant.name !== '')
      byKey.set(participant.key, { ...seen, name: participant.name });
  }
  const participants = [...byKey.values()];

  let inbound: InboundMessage[];
  if (interaction.kind === 'meeting') {
    inbound = [{ sender: null, text: interaction.description }];
  } else {
    inbound = [];
    for (const message of interaction.messages) {
      const sender = byKey.get(normalizeEmail(message.from.email));
      if (sender !== undefined && !sender.internal) inbound.push({ sender, text: message.text });
    }
  }

  return {
    sourceId: interactionSourceId(interaction),
    subject: interaction.kind === 'meeting' ? interaction.title : interaction.subject,
    participants,
    external: participants.filter((p) => !p.internal),
    inbound,
  };
}
