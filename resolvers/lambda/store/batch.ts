import type { BatchResultError } from '../../../generated/graphql';
import { MessageLimits } from '../../lib/message-input';
import { problem } from '../../lib/problems';
import { refuse, type Outcome } from './outcome';

/** One entry of a batch and how it went. */
export interface EntryOutcome<T> {
  readonly id: string;
  readonly outcome: Outcome<T>;
}

/** A batch holds 1..10 entries whose ids are distinct; otherwise nothing of it is done. */
export function checkBatchEntries(
  field: string,
  entries: readonly { readonly id: string }[],
): void {
  if (entries.length < 1 || entries.length > MessageLimits.batchMax) {
    refuse(problem(field, `${entries.length} entries`, `1 to ${MessageLimits.batchMax} entries`));
  }
  const ids = entries.map((entry) => entry.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) {
    refuse(problem(`${field}.id`, repeated, 'ids that differ from every other entry of the batch'));
  }
}

/** The entries that succeeded, each with its value under the result's field name. */
export function batchSuccesses<T, K extends string>(results: readonly EntryOutcome<T>[], key: K) {
  return results.flatMap(({ id, outcome }) =>
    'ok' in outcome ? [{ id, [key]: outcome.ok } as { id: string } & Record<K, T>] : [],
  );
}

/** The entries that failed, with the errorType and message a single call would have raised. */
export function batchFailures(results: readonly EntryOutcome<unknown>[]): BatchResultError[] {
  return results.flatMap(({ id, outcome }) =>
    'problem' in outcome
      ? [{ id, errorType: outcome.problem.errorType, message: outcome.problem.message }]
      : [],
  );
}
