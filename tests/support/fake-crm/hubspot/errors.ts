/**
 * HubSpot error bodies: `{status:"error", message, correlationId, category, errors?, context?}`.
 */
import { correlationId, jsonReply, type Reply } from '../http';

export interface HsErrorDetail {
  message: string;
  code?: string;
  context?: Record<string, string[]>;
  in?: string;
}

export function hsError(
  status: number,
  category: string,
  message: string,
  extra: { errors?: HsErrorDetail[]; context?: Record<string, string[]>; subCategory?: string } = {},
  headers: Record<string, string> = {},
): Reply {
  return jsonReply(
    status,
    {
      status: 'error',
      message,
      correlationId: correlationId(),
      ...(extra.context ? { context: extra.context } : {}),
      category,
      ...(extra.subCategory ? { subCategory: extra.subCategory } : {}),
      ...(extra.errors ? { errors: extra.errors } : {}),
    },
    headers,
  );
}

export function validationError(message: string, errors?: HsErrorDetail[]): Reply {
  return hsError(400, 'VALIDATION_ERROR', message, errors ? { errors } : {});
}

/** HubSpot's wording for bad property values, with the structured `errors` list as well. */
export function propertyErrors(problems: Array<{ name: string; code: string; message: string }>): Reply {
  const legacy = problems.map((p) => ({
    isValid: false,
    message: p.message,
    error: p.code,
    name: p.name,
    localizedErrorMessage: p.message,
  }));
  return validationError(
    `Property values were not valid: ${JSON.stringify(legacy)}`,
    problems.map((p) => ({ message: p.message, code: p.code, context: { propertyName: [p.name] } })),
  );
}

export function notFound(message = 'resource not found'): Reply {
  return hsError(404, 'OBJECT_NOT_FOUND', message);
}

export function invalidJson(detail: string): Reply {
  return hsError(400, 'VALIDATION_ERROR', `Invalid input JSON on line 1: ${detail}`);
}
