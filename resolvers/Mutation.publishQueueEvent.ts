import type { Context, NONERequest } from '@aws-appsync/utils';
import type { MutationPublishQueueEventArgs, QueueEvent } from '../generated/graphql';

/** Local resolver: returns the event so AppSync hands it to onQueueEvent subscribers. */
export function request(ctx: Context<MutationPublishQueueEventArgs>): NONERequest {
  return { payload: ctx.args.input };
}

export function response(ctx: Context): QueueEvent {
  return ctx.result as QueueEvent;
}
