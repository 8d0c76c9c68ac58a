import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { Delivery } from '../generated/graphql';
import { callStore, storeResult } from './lib/store-call';

/** Changes a delivery's visibility through the acknowledger function, which keeps a FIFO group's lock in step. */
export function request(ctx: Context): LambdaRequest {
  return callStore(ctx);
}

export function response(ctx: Context): Delivery {
  return storeResult<Delivery>(ctx);
}
