/**
 * A problem with a caller's input: what was received, what is allowed, and the stable errorType
 * clients branch on. Pure data, so the checks that produce it run (and are tested) anywhere.
 */
export interface Problem {
  readonly errorType: string;
  readonly field: string;
  readonly received: unknown;
  readonly allowed: string;
  readonly message: string;
}

/** Stable errorTypes of Courier's own errors (data-source errors keep AppSync's `DynamoDB:*` types). */
export const ErrorType = {
  InvalidArgument: 'InvalidArgument',
  QueueNotFound: 'QueueNotFound',
  QueueAlreadyExists: 'QueueAlreadyExists',
  InvalidDeadLetterQueue: 'InvalidDeadLetterQueue',
  /** The message's body and attributes are larger than the queue's maxMessageBytes. */
  MessageTooLarge: 'MessageTooLarge',
  /** A well-formed receipt handle that is no longer current: the work may be repeated. */
  StaleReceiptHandle: 'StaleReceiptHandle',
  Configuration: 'Configuration',
} as const;

const MAX_SHOWN_CHARACTERS = 64;

/** Renders a received value for a message: JSON, long strings cut with their length named. */
export function show(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (typeof value === 'string' && value.length > MAX_SHOWN_CHARACTERS) {
    return `${JSON.stringify(value.slice(0, MAX_SHOWN_CHARACTERS))}... (${value.length} characters)`;
  }
  return JSON.stringify(value);
}

export function problem(
  field: string,
  received: unknown,
  allowed: string,
  errorType: string = ErrorType.InvalidArgument,
): Problem {
  return {
    errorType,
    field,
    received,
    allowed,
    message: `${field}: received ${show(received)}; expected ${allowed}.`,
  };
}

/** A problem when `value` is not an integer in [min, max]; null and undefined mean "use the default". */
export function checkRange(
  field: string,
  value: number | null | undefined,
  min: number,
  max: number,
): Problem | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (Math.floor(value) !== value || value < min || value > max) {
    return problem(field, value, `an integer from ${min} to ${max}`);
  }
  return null;
}

/** The first problem of a list of checks, or null when every check passed. */
export function firstProblem(checks: (Problem | null)[]): Problem | null {
  return checks.find((check) => check !== null) ?? null;
}
