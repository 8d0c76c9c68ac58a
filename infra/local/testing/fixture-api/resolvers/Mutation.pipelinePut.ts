import type { Context } from '@aws-appsync/utils';

interface Stash {
  trail: string[];
}

/** Before: starts a trail in the stash that every step extends. */
export function request(ctx: Context<{ pk: string }, Stash>) {
  ctx.stash.trail = ['before'];
  return { pk: ctx.args.pk };
}

/** After: the last function's output, with the trail the steps left. */
export function response(ctx: Context<object, Stash>) {
  ctx.stash.trail.push('after');
  return { ...(ctx.prev.result as object), kind: `${ctx.stash.trail.join('>')}` };
}
