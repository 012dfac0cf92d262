/**
 * HubSpot errors as the adapter's client raises them. Reading HubSpot's error bodies is shared
 * with the sign-in (lib/http/hubspot.ts).
 */
import { CrmError } from '../../http/errors';

/** A CrmError that `withRetry` must not retry (HubSpot's daily limit resets at midnight). */
export class FinalCrmError extends CrmError {
  override get retryable(): boolean {
    return false;
  }
}

/** Removes a secret from an error message, in case a CRM ever echoes one back. */
export function scrubbed(error: CrmError, secret: string): CrmError {
  if (!secret || !error.message.includes(secret)) return error;
  return new CrmError(error.kind, error.message.split(secret).join('[redacted]'), error.details);
}
