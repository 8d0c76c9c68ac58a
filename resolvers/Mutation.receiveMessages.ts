import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { Delivery } from '../generated/graphql';
import { callStore, storeResult } from './lib/store-call';

/** Receives through the receiver function: claiming, dead-lettering and long polling need a loop. */
export function request(ctx: Context): LambdaRequest {
  return callStore(ctx);
}

export function response(ctx: Context): Delivery[] {
  return storeResult<Delivery[]>(ctx);
}
