/** The whole detection, for Node (CLI, tests): the DOM pass, then the parts deferred from it. */
import type { Interaction } from '../model';
import { completeInteraction } from './complete';
import { extractInteraction } from './extract';

export function detect(document: Document, url: string, now?: Date): Interaction | null {
  const interaction = extractInteraction(document, url);
  return interaction && completeInteraction(interaction, now);
}
