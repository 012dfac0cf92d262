/**
 * The strong duplicate protection in one click: Dealside's unique log-key property on the five
 * activity objects, in a property group of its own. HubSpot's Properties API documents
 * `hasUniqueValue` for custom properties without listing which objects accept it; an object that
 * refuses it leaves the portal in marker mode, and the rep is told which one and why.
 */
import { CrmError } from '../../../http/errors';
import { ACTIVITY_TYPES, type ActivityType } from '../map/activities';
import type { HubSpotClient } from '../client';

export const LOG_KEY_PROPERTY = 'dealside_log_key';
const GROUP = 'dealside';

async function existing(client: HubSpotClient, type: ActivityType): Promise<{ unique: boolean } | null> {
  try {
    const answer = await client.read({
      method: 'GET',
      path: `/crm/v3/properties/${type}/${LOG_KEY_PROPERTY}`,
    });
    const body = answer.body as { hasUniqueValue?: unknown } | null;
    return { unique: body?.hasUniqueValue === true };
  } catch (error) {
    if (error instanceof CrmError && error.kind === 'notFound') return null;
    throw error;
  }
}

/** A 409 means someone (another admin, an earlier click) created it already: that is fine. */
async function createIgnoringConflict(client: HubSpotClient, path: string, body: unknown): Promise<void> {
  try {
    await client.write({ method: 'POST', path, body });
  } catch (error) {
    if (!(error instanceof CrmError && error.kind === 'conflict')) throw error;
  }
}

export async function createLogKeyProperty(client: HubSpotClient): Promise<string> {
  for (const type of ACTIVITY_TYPES) {
    const found = await existing(client, type);
    if (found?.unique) continue;
    if (found) {
      throw new CrmError(
        'config',
        `HubSpot: ${type} already have a "${LOG_KEY_PROPERTY}" property that does not require unique values. Turn on "Require unique values" for it in HubSpot, or delete it and try again.`,
      );
    }
    try {
      await createIgnoringConflict(client, `/crm/v3/properties/${type}/groups`, {
        name: GROUP,
        label: 'Dealside',
      });
      await createIgnoringConflict(client, `/crm/v3/properties/${type}`, {
        name: LOG_KEY_PROPERTY,
        label: 'Dealside log key',
        description: 'Set by Dealside on every activity it logs, so nothing is logged twice.',
        type: 'string',
        fieldType: 'text',
        groupName: GROUP,
        hasUniqueValue: true,
      });
    } catch (error) {
      if (error instanceof CrmError && error.kind === 'permission') {
        throw new CrmError(
          'permission',
          'HubSpot: your sign-in may not create properties. A HubSpot super admin can create it as described in the admin guide.',
          error.details,
        );
      }
      throw error;
    }
    const created = await existing(client, type);
    if (!created?.unique)
      throw new CrmError(
        'config',
        `HubSpot did not keep "${LOG_KEY_PROPERTY}" unique on ${type}: stay with the marker.`,
      );
  }
  return LOG_KEY_PROPERTY;
}
