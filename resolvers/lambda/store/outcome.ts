import { ErrorType, problem, type Problem } from '../../lib/problems';

/**
 * What the store answers a resolver: a value, or a problem the resolver raises with util.error.
 * Problems travel as data because a thrown Lambda error reaches clients as Lambda:Unhandled,
 * losing the stable errorType.
 */
export type Outcome<T> = { readonly ok: T } | { readonly problem: Problem };

/** Thrown inside the store to stop an operation with a problem; caught at the handler. */
export class StoreProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
    this.name = 'StoreProblem';
  }
}

export function refuse(found: Problem): never {
  throw new StoreProblem(found);
}

export function refuseIf(found: Problem | null): void {
  if (found) {
    refuse(found);
  }
}

export function queueNotFound(field: string, name: string): never {
  return refuse(problem(field, name, 'the name of an existing queue', ErrorType.QueueNotFound));
}

/** Runs an operation, turning a StoreProblem into an Outcome; anything else is a real failure. */
export async function outcomeOf<T>(operation: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: await operation() };
  } catch (error) {
    if (error instanceof StoreProblem) {
      return { problem: error.problem };
    }
    throw error;
  }
}
