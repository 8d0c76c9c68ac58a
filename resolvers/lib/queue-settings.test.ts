import type { CreateQueueInput } from '../../generated/graphql';
import { checkCreateQueueInput } from './queue-settings';

describe('checkCreateQueueInput', () => {
  it('fills in the defaults of design.md §4 for a standard queue', () => {
    expect(checkCreateQueueInput({ name: 'parcels' })).toEqual({
      problem: null,
      settings: {
        name: 'parcels',
        type: 'STANDARD',
        visibilityTimeoutSeconds: 30,
        messageRetentionSeconds: 345_600,
        delaySeconds: 0,
        maxMessageBytes: 262_144,
        contentBasedDeduplication: false,
      },
    });
  });

  it('gives a FIFO queue a deduplication window of 300 seconds by default', () => {
    const checked = checkCreateQueueInput({ name: 'orders.fifo', type: 'FIFO' });
    expect(checked.settings).toMatchObject({
      type: 'FIFO',
      deduplicationWindowSeconds: 300,
      contentBasedDeduplication: false,
    });
  });

  it('keeps every setting given within its range', () => {
    const input: CreateQueueInput = {
      name: 'orders-EU_1.fifo',
      type: 'FIFO',
      visibilityTimeoutSeconds: 43_200,
      messageRetentionSeconds: 60,
      delaySeconds: 900,
      maxMessageBytes: 1,
      contentBasedDeduplication: true,
      deduplicationWindowSeconds: 86_400,
      deadLetterQueue: 'orders-dead.fifo',
      maxReceiveCount: 1_000,
    };
    const { type: _type, ...rest } = input;
    expect(checkCreateQueueInput(input).settings).toEqual({ type: 'FIFO', ...rest });
  });

  it.each<[string, CreateQueueInput]>([
    ['a name of 80 characters', { name: 'q'.repeat(80) }],
    ['a FIFO name of 75 characters plus .fifo', { name: `${'q'.repeat(75)}.fifo`, type: 'FIFO' }],
    [
      'the smallest settings',
      { name: 'q', visibilityTimeoutSeconds: 0, delaySeconds: 0, messageRetentionSeconds: 60 },
    ],
    [
      'a dead-letter queue with a receive count',
      { name: 'jobs', deadLetterQueue: 'jobs-dead', maxReceiveCount: 1 },
    ],
    [
      'contentBasedDeduplication false on a standard queue',
      { name: 'jobs', contentBasedDeduplication: false },
    ],
  ])('accepts %s', (_case, input) => {
    expect(checkCreateQueueInput(input).problem).toBeNull();
  });

  // Each row: what is wrong, the input, the errorType and field the problem must name.
  it.each<[string, CreateQueueInput, string, string]>([
    ['an empty name', { name: '' }, 'InvalidArgument', 'input.name'],
    ['a name of 81 characters', { name: 'q'.repeat(81) }, 'InvalidArgument', 'input.name'],
    ['a name with a space', { name: 'my queue' }, 'InvalidArgument', 'input.name'],
    ['a name with a dot', { name: 'my.queue' }, 'InvalidArgument', 'input.name'],
    ['a non-ASCII name', { name: 'café' }, 'InvalidArgument', 'input.name'],
    [
      'a FIFO queue whose name lacks .fifo',
      { name: 'orders', type: 'FIFO' },
      'InvalidArgument',
      'input.name',
    ],
    ['a standard queue named .fifo', { name: 'orders.fifo' }, 'InvalidArgument', 'input.name'],
    [
      'a FIFO name of 76 characters plus .fifo',
      { name: `${'q'.repeat(76)}.fifo`, type: 'FIFO' },
      'InvalidArgument',
      'input.name',
    ],
    [
      'a negative visibility timeout',
      { name: 'q', visibilityTimeoutSeconds: -1 },
      'InvalidArgument',
      'input.visibilityTimeoutSeconds',
    ],
    [
      'a visibility timeout over 12 hours',
      { name: 'q', visibilityTimeoutSeconds: 43_201 },
      'InvalidArgument',
      'input.visibilityTimeoutSeconds',
    ],
    [
      'a retention under a minute',
      { name: 'q', messageRetentionSeconds: 59 },
      'InvalidArgument',
      'input.messageRetentionSeconds',
    ],
    [
      'a retention over 14 days',
      { name: 'q', messageRetentionSeconds: 1_209_601 },
      'InvalidArgument',
      'input.messageRetentionSeconds',
    ],
    [
      'a delay over 15 minutes',
      { name: 'q', delaySeconds: 901 },
      'InvalidArgument',
      'input.delaySeconds',
    ],
    [
      'a message size of 0',
      { name: 'q', maxMessageBytes: 0 },
      'InvalidArgument',
      'input.maxMessageBytes',
    ],
    [
      'a message size over 256 KiB',
      { name: 'q', maxMessageBytes: 262_145 },
      'InvalidArgument',
      'input.maxMessageBytes',
    ],
    [
      'content-based deduplication on a standard queue',
      { name: 'q', contentBasedDeduplication: true },
      'InvalidArgument',
      'input.contentBasedDeduplication',
    ],
    [
      'a deduplication window on a standard queue',
      { name: 'q', deduplicationWindowSeconds: 300 },
      'InvalidArgument',
      'input.deduplicationWindowSeconds',
    ],
    [
      'a deduplication window under a minute',
      { name: 'q.fifo', type: 'FIFO', deduplicationWindowSeconds: 59 },
      'InvalidArgument',
      'input.deduplicationWindowSeconds',
    ],
    [
      'a dead-letter queue without a receive count',
      { name: 'q', deadLetterQueue: 'dead' },
      'InvalidArgument',
      'input.maxReceiveCount',
    ],
    [
      'a receive count without a dead-letter queue',
      { name: 'q', maxReceiveCount: 3 },
      'InvalidArgument',
      'input.maxReceiveCount',
    ],
    [
      'a receive count of 0',
      { name: 'q', deadLetterQueue: 'dead', maxReceiveCount: 0 },
      'InvalidArgument',
      'input.maxReceiveCount',
    ],
    [
      'a receive count over 1000',
      { name: 'q', deadLetterQueue: 'dead', maxReceiveCount: 1_001 },
      'InvalidArgument',
      'input.maxReceiveCount',
    ],
    [
      'a queue as its own dead-letter queue',
      { name: 'q', deadLetterQueue: 'q', maxReceiveCount: 3 },
      'InvalidDeadLetterQueue',
      'input.deadLetterQueue',
    ],
    [
      'a standard dead-letter queue for a FIFO queue',
      { name: 'q.fifo', type: 'FIFO', deadLetterQueue: 'dead', maxReceiveCount: 3 },
      'InvalidArgument',
      'input.deadLetterQueue',
    ],
    [
      'a FIFO dead-letter queue for a standard queue',
      { name: 'q', deadLetterQueue: 'dead.fifo', maxReceiveCount: 3 },
      'InvalidArgument',
      'input.deadLetterQueue',
    ],
  ])('refuses %s', (_case, input, errorType, field) => {
    const { settings, problem } = checkCreateQueueInput(input);
    expect(settings).toBeNull();
    expect(problem).toMatchObject({ errorType, field });
  });

  it('names the field, the value received and what is allowed in every message', () => {
    const messages = [
      { name: 'my queue' },
      { name: 'orders', type: 'FIFO' as const },
      { name: 'orders.fifo' },
      { name: 'q'.repeat(100) },
      { name: 'q', visibilityTimeoutSeconds: 50_000 },
      { name: 'q', contentBasedDeduplication: true },
      { name: 'q', deadLetterQueue: 'dead' },
      { name: 'q', maxReceiveCount: 3 },
      { name: 'q', deadLetterQueue: 'q', maxReceiveCount: 3 },
    ].map((input) => checkCreateQueueInput(input).problem?.message);
    expect(messages).toMatchSnapshot();
  });
});
