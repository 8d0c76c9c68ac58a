import { util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { MutationCreateQueueArgs, Queue } from '../generated/graphql';
import { fail, failOnDataSourceError, tableName } from './lib/errors';
import { ErrorType, problem } from './lib/problems';
import { toQueue, type QueueItem } from './lib/queue-record';
import { checkCreateQueueInput } from './lib/queue-settings';

interface Stash {
  queue: QueueItem;
}

/**
 * One transaction: the queue is written only if its name is free and, when it names a dead-letter
 * queue, only if that queue exists and is of the same type.
 */
export function request(
  ctx: Context<MutationCreateQueueArgs, Stash>,
): DynamoDBTransactWriteItemsRequest {
  const checked = checkCreateQueueInput(ctx.args.input);
  if (checked.problem) {
    return fail(checked.problem);
  }
  const table = tableName(ctx, 'QUEUES_TABLE');
  const queue: QueueItem = {
    ...checked.settings,
    id: util.autoUlid(),
    createdAt: util.time.nowISO8601(),
  };
  ctx.stash.queue = queue;

  const key = util.dynamodb.toMapValues({ name: queue.name });
  const transactItems: DynamoDBTransactWriteItemsRequest['transactItems'] = [];
  transactItems.push({
    table,
    operation: 'PutItem',
    key,
    attributeValues: util.dynamodb.toMapValues(queue),
    condition: {
      expression: 'attribute_not_exists(#name)',
      expressionNames: { '#name': 'name' },
      returnValuesOnConditionCheckFailure: false,
    },
  });
  if (queue.deadLetterQueue) {
    transactItems.push({
      table,
      operation: 'ConditionCheck',
      key: util.dynamodb.toMapValues({ name: queue.deadLetterQueue }),
      condition: {
        expression: 'attribute_exists(#name) AND #type = :type',
        expressionNames: { '#name': 'name', '#type': 'type' },
        expressionValues: util.dynamodb.toMapValues({ ':type': queue.type }),
        returnValuesOnConditionCheckFailure: false,
      },
    });
  }
  return { operation: 'TransactWriteItems', transactItems };
}

export function response(ctx: Context<MutationCreateQueueArgs, Stash>): Omit<Queue, 'stats'> {
  const reasons: { type?: string }[] = ctx.result?.cancellationReasons ?? [];
  const { queue } = ctx.stash;
  if (reasons[0]?.type === 'ConditionalCheckFailed') {
    return fail(
      problem('input.name', queue.name, 'a name no other queue has', ErrorType.QueueAlreadyExists),
    );
  }
  if (reasons[1]?.type === 'ConditionalCheckFailed') {
    return fail(
      problem(
        'input.deadLetterQueue',
        queue.deadLetterQueue,
        `the name of an existing ${queue.type} queue`,
        ErrorType.InvalidDeadLetterQueue,
      ),
    );
  }
  failOnDataSourceError(ctx);
  return toQueue(queue);
}
