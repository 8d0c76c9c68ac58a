import type { Context, NONERequest } from '@aws-appsync/utils';
import type { Message, MutationPublishMessageSentArgs } from '../generated/graphql';

/** Local resolver: returns the message so AppSync hands it to onMessageSent subscribers. */
export function request(ctx: Context<MutationPublishMessageSentArgs>): NONERequest {
  return { payload: ctx.args.input };
}

export function response(ctx: Context): Message {
  return ctx.result as Message;
}
