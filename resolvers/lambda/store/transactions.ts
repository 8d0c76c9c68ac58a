import dynamoose from 'dynamoose';

/** A write of a transaction, as the Model.transaction builders produce it. */
export type TransactionItem = Parameters<typeof dynamoose.transaction>[0][number];

/**
 * The reason code of each item of a cancelled transaction (`None`, `ConditionalCheckFailed`,
 * `TransactionConflict`, ...), or null when the error is not a cancellation.
 */
export function cancellationCodes(error: unknown): string[] | null {
  if (
    error &&
    typeof error === 'object' &&
    'name' in error &&
    error.name === 'TransactionCanceledException'
  ) {
    const reasons =
      (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons.map((reason) => reason.Code ?? 'None');
  }
  return null;
}

export function isConditionFailure(error: unknown): boolean {
  return Boolean(
    error &&
    typeof error === 'object' &&
    'name' in error &&
    error.name === 'ConditionalCheckFailedException',
  );
}

export async function transact(items: readonly TransactionItem[]): Promise<void> {
  await dynamoose.transaction([...items]);
}

/** A short random pause before retrying a lost race, so racers spread out. */
export function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
