import { DataSourceRequestError } from '../types';

/** A Lambda data source's request object, as a request handler returns it [runtime §6.1]. */
export interface LambdaRequest {
  readonly operation: 'Invoke' | 'BatchInvoke';
  readonly invocationType: 'RequestResponse' | 'Event';
  readonly payload: unknown;
}

const OPERATIONS = ['Invoke', 'BatchInvoke'] as const;
const INVOCATION_TYPES = ['RequestResponse', 'Event'] as const;

/** A short rendering of what was received, for messages. */
export function received(value: unknown): string {
  if (value === undefined) {
    return 'undefined';
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/**
 * Checks a request object before anything is invoked; a malformed one fails the field with a
 * DataSourceRequestError that says what was received and what is expected.
 */
export function parseLambdaRequest(request: unknown): LambdaRequest {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new DataSourceRequestError(
      `A Lambda request must be an object such as { operation: 'Invoke', payload }; received ${received(request)}.`,
    );
  }
  const { operation, invocationType, payload } = request as Record<string, unknown>;
  if (!isOneOf(OPERATIONS, operation)) {
    throw new DataSourceRequestError(
      `A Lambda request's operation must be "Invoke" or "BatchInvoke"; received ${received(operation)}.`,
    );
  }
  if (invocationType !== undefined && !isOneOf(INVOCATION_TYPES, invocationType)) {
    throw new DataSourceRequestError(
      `A Lambda request's invocationType must be "RequestResponse" or "Event" when given; received ${received(invocationType)}.`,
    );
  }
  if (!('payload' in request) || payload === undefined) {
    throw new DataSourceRequestError(
      `A Lambda request needs a payload, the function's event (null for none); received ${received(request)}, which has none.`,
    );
  }
  return { operation, invocationType: invocationType ?? 'RequestResponse', payload };
}

/** The event as JSON text, as Lambda receives it; a payload JSON cannot carry is refused. */
export function eventJson(payload: unknown): string {
  try {
    return JSON.stringify(payload);
  } catch (cause) {
    throw new DataSourceRequestError(
      `A Lambda payload must be JSON; this one cannot be serialized (${cause instanceof Error ? cause.message : String(cause)}).`,
      'MappingTemplate',
      { cause },
    );
  }
}
