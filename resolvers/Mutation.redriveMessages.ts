import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { RedriveResult } from '../generated/graphql';
import { callStore, storeResult } from './lib/store-call';

/** Moves messages out of a dead-letter queue through the maintenance function. */
export function request(ctx: Context): LambdaRequest {
  return callStore(ctx);
}

export function response(ctx: Context): RedriveResult {
  return storeResult<RedriveResult>(ctx);
}
