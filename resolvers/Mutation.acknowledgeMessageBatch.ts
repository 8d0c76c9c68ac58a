import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { AcknowledgeMessageBatchResult } from '../generated/graphql';
import { callStore, storeResult } from './lib/store-call';

/** Acknowledges up to 10 deliveries through the acknowledger function, one result per entry. */
export function request(ctx: Context): LambdaRequest {
  return callStore(ctx);
}

export function response(ctx: Context): AcknowledgeMessageBatchResult {
  return storeResult<AcknowledgeMessageBatchResult>(ctx);
}
