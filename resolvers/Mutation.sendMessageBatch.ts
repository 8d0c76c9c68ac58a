import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { SendMessageBatchResult } from '../generated/graphql';
import { callStore, storeResult } from './lib/store-call';

/** Sends up to 10 messages through the sender function, one result per entry, in order. */
export function request(ctx: Context): LambdaRequest {
  return callStore(ctx);
}

export function response(ctx: Context): SendMessageBatchResult {
  return storeResult<SendMessageBatchResult>(ctx);
}
