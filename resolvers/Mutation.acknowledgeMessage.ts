import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { Acknowledgement } from '../generated/graphql';
import { callStore, storeResult } from './lib/store-call';

/** Acknowledges through the acknowledger function, which also unlocks a FIFO group and publishes the event. */
export function request(ctx: Context): LambdaRequest {
  return callStore(ctx);
}

export function response(ctx: Context): Acknowledgement {
  return storeResult<Acknowledgement>(ctx);
}
