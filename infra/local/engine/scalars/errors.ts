import { isValueNode, print, type ASTNode, type ValueNode } from 'graphql';

/** Which way a value was travelling: into a resolver (variable or literal) or out to the client. */
export type ScalarDirection = 'input' | 'output';

/**
 * A value an AppSync scalar cannot represent. Thrown by `parseValue`, `parseLiteral` and
 * `serialize`; graphql-js keeps it as `originalError`, so the engine can reword it after AppSync
 * ("Variable 'x' has an invalid value. ..." / "Can't serialize value (/path) : ...") from the
 * structured fields.
 */
export class AppSyncScalarError extends Error {
  /** Stable code for the engine and for tests. */
  readonly code = 'InvalidScalarValue';

  constructor(
    /** The scalar's name, e.g. `AWSDateTime`. */
    readonly scalar: string,
    /** The offending value as received (a variable value, a resolver result or a literal node). */
    readonly value: unknown,
    /** What the scalar accepts, as a phrase. */
    readonly expected: string,
    readonly direction: ScalarDirection,
    /** Why this value in particular failed, when there is more to say than "wrong format". */
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Unable to ${direction === 'input' ? 'parse' : 'serialize'} ${showValue(value)} as a valid ${scalar}: ${
        detail === undefined ? '' : `${detail}; `
      }expected ${expected}.`,
      options,
    );
    this.name = 'AppSyncScalarError';
  }
}

const MAX_SHOWN = 200;

/**
 * A value as AppSync's messages show it: text between backticks, as is; anything else as JSON; a
 * literal as the query spelled it.
 */
export function showValue(value: unknown): string {
  const shown =
    typeof value === 'string'
      ? `\`${value}\``
      : isLiteral(value)
        ? print(value)
        : (safeJson(value) ?? String(value));
  return shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}…` : shown;
}

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** A literal node (graphql-js's own predicate), as opposed to a variable's or a result's value. */
function isLiteral(value: unknown): value is ValueNode {
  return (
    typeof value === 'object' && value !== null && 'kind' in value && isValueNode(value as ASTNode)
  );
}

/**
 * The scalar error behind a graphql-js error, however deep: variable errors wrap it twice
 * ("Variable "$x" got invalid value ..." around "Expected type ..."), literal and result errors once.
 */
export function findScalarError(error: unknown): AppSyncScalarError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current instanceof AppSyncScalarError) {
      return current;
    }
    current = Reflect.get(current, 'originalError');
  }
  return undefined;
}
