import { extensions, util, type Context } from '@aws-appsync/utils';

export function request() {
  return { payload: null };
}

/** Runs once, at subscribe time: sets the enhanced filter and the invalidation filter. */
export function response(ctx: Context<{ pk: string; minCount: number }>) {
  extensions.setSubscriptionFilter(
    util.transform.toSubscriptionFilter({
      pk: { eq: ctx.args.pk },
      count: { ge: ctx.args.minCount },
    }),
  );
  extensions.setSubscriptionInvalidationFilter(
    util.transform.toSubscriptionFilter({ pk: { eq: ctx.args.pk } }),
  );
  return null;
}
