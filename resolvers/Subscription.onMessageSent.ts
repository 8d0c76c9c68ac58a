import { extensions, util, type Context, type NONERequest } from '@aws-appsync/utils';
import type { SubscriptionOnMessageSentArgs } from '../generated/graphql';

/**
 * An enhanced filter replaces the argument filter: this queue (and group, when given), and never
 * a duplicate send. A sender's selection must include queue, duplicate (and groupId) for the
 * filter to see them, as AppSync filters on what the mutation selected.
 */
export function request(): NONERequest {
  return { payload: null };
}

export function response(ctx: Context<SubscriptionOnMessageSentArgs>): null {
  const filter: Record<string, { eq: string | boolean }> = {
    queue: { eq: ctx.args.queue },
    duplicate: { eq: false },
  };
  if (ctx.args.groupId) {
    filter['groupId'] = { eq: ctx.args.groupId };
  }
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(filter));
  return null;
}
