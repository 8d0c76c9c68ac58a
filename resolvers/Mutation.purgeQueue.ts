import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { Queue } from '../generated/graphql';
import { callStore, storeResult } from './lib/store-call';
import { toQueue, type QueueItem } from './lib/queue-record';

/** Deletes every message of the queue through the maintenance function; the queue stays. */
export function request(ctx: Context): LambdaRequest {
  return callStore(ctx);
}

export function response(ctx: Context): Omit<Queue, 'stats'> {
  return toQueue(storeResult<QueueItem>(ctx));
}
