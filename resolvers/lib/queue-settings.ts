import type { CreateQueueInput, QueueType } from '../../generated/graphql';
import { QueueLimits } from './limits';
import { checkRange, ErrorType, firstProblem, problem, type Problem } from './problems';
import { checkQueueName } from './queue-name';

/** A queue's settings as stored in the queues table (one item per queue, keyed by name). */
export type QueueSettings = {
  readonly name: string;
  readonly type: QueueType;
  readonly visibilityTimeoutSeconds: number;
  readonly messageRetentionSeconds: number;
  readonly delaySeconds: number;
  readonly maxMessageBytes: number;
  readonly contentBasedDeduplication: boolean;
  readonly deduplicationWindowSeconds?: number;
  readonly deadLetterQueue?: string;
  readonly maxReceiveCount?: number;
};

export type CheckedSettings =
  | { readonly settings: QueueSettings; readonly problem: null }
  | { readonly settings: null; readonly problem: Problem };

function fifoOnly(field: string, value: unknown, type: QueueType): Problem | null {
  if (type === 'STANDARD' && value !== null && value !== undefined && value !== false) {
    return problem(field, value, 'no value: it applies to FIFO queues only');
  }
  return null;
}

function checkDeadLetter(input: CreateQueueInput): Problem | null {
  const { deadLetterQueue, maxReceiveCount } = input;
  const hasQueue = deadLetterQueue !== null && deadLetterQueue !== undefined;
  const hasCount = maxReceiveCount !== null && maxReceiveCount !== undefined;
  if (hasQueue && !hasCount) {
    return problem(
      'input.maxReceiveCount',
      maxReceiveCount,
      `an integer from ${QueueLimits.maxReceiveCount.min} to ${QueueLimits.maxReceiveCount.max} when deadLetterQueue is set`,
    );
  }
  if (hasCount && !hasQueue) {
    return problem(
      'input.maxReceiveCount',
      maxReceiveCount,
      'no value unless deadLetterQueue is set',
    );
  }
  if (hasQueue && deadLetterQueue === input.name) {
    return problem(
      'input.deadLetterQueue',
      deadLetterQueue,
      'another queue than the one being created',
      ErrorType.InvalidDeadLetterQueue,
    );
  }
  return firstProblem([
    hasQueue
      ? checkQueueName('input.deadLetterQueue', deadLetterQueue, input.type ?? 'STANDARD')
      : null,
    checkRange(
      'input.maxReceiveCount',
      maxReceiveCount,
      QueueLimits.maxReceiveCount.min,
      QueueLimits.maxReceiveCount.max,
    ),
  ]);
}

/**
 * Checks createQueue's input against design.md §4 and fills in the defaults. Returns the first
 * problem found, naming the field, the value received and what is allowed.
 */
export function checkCreateQueueInput(input: CreateQueueInput): CheckedSettings {
  const type: QueueType = input.type ?? 'STANDARD';
  const limits = QueueLimits;
  const found = firstProblem([
    checkQueueName('input.name', input.name, type),
    checkRange(
      'input.visibilityTimeoutSeconds',
      input.visibilityTimeoutSeconds,
      limits.visibilityTimeoutSeconds.min,
      limits.visibilityTimeoutSeconds.max,
    ),
    checkRange(
      'input.messageRetentionSeconds',
      input.messageRetentionSeconds,
      limits.messageRetentionSeconds.min,
      limits.messageRetentionSeconds.max,
    ),
    checkRange(
      'input.delaySeconds',
      input.delaySeconds,
      limits.delaySeconds.min,
      limits.delaySeconds.max,
    ),
    checkRange(
      'input.maxMessageBytes',
      input.maxMessageBytes,
      limits.maxMessageBytes.min,
      limits.maxMessageBytes.max,
    ),
    fifoOnly('input.contentBasedDeduplication', input.contentBasedDeduplication, type),
    fifoOnly('input.deduplicationWindowSeconds', input.deduplicationWindowSeconds, type),
    checkRange(
      'input.deduplicationWindowSeconds',
      input.deduplicationWindowSeconds,
      limits.deduplicationWindowSeconds.min,
      limits.deduplicationWindowSeconds.max,
    ),
    checkDeadLetter(input),
  ]);
  if (found) {
    return { settings: null, problem: found };
  }
  const settings: QueueSettings = {
    name: input.name,
    type,
    visibilityTimeoutSeconds:
      input.visibilityTimeoutSeconds ?? limits.visibilityTimeoutSeconds.default,
    messageRetentionSeconds:
      input.messageRetentionSeconds ?? limits.messageRetentionSeconds.default,
    delaySeconds: input.delaySeconds ?? limits.delaySeconds.default,
    maxMessageBytes: input.maxMessageBytes ?? limits.maxMessageBytes.default,
    contentBasedDeduplication: input.contentBasedDeduplication ?? false,
    ...(type === 'FIFO'
      ? {
          deduplicationWindowSeconds:
            input.deduplicationWindowSeconds ?? limits.deduplicationWindowSeconds.default,
        }
      : {}),
    ...(input.deadLetterQueue ? { deadLetterQueue: input.deadLetterQueue } : {}),
    ...(input.maxReceiveCount ? { maxReceiveCount: input.maxReceiveCount } : {}),
  };
  return { settings, problem: null };
}
