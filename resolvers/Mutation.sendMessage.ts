import type { Context } from '@aws-appsync/utils';
import type { Message } from '../generated/graphql';

/**
 * sendMessage is a pipeline: read the queue and check the input, then either put a standard
 * message straight into DynamoDB or hand a FIFO send to the sender function. Subscribers of
 * onMessageSent receive what this returns.
 */
export function request(): Record<string, never> {
  return {};
}

export function response(ctx: Context): Message {
  return ctx.prev.result as Message;
}
