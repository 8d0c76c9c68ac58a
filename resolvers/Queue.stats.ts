import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { QueueStats } from '../generated/graphql';
import { callStore, storeResult } from './lib/store-call';

/** Counts the queue's messages by state through the maintenance function (a query per partition). */
export function request(ctx: Context): LambdaRequest {
  return callStore(ctx);
}

export function response(ctx: Context): QueueStats {
  return storeResult<QueueStats>(ctx);
}
