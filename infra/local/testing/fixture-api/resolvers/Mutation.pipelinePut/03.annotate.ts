import type { Context } from '@aws-appsync/utils';

export function request(ctx: Context<object, { trail: string[] }>) {
  ctx.stash.trail.push('annotate');
  return { payload: ctx.prev.result };
}

export function response(ctx: Context) {
  return ctx.result;
}
