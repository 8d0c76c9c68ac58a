import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context<{ kind: string }, { trail: string[] }>) {
  if (ctx.args.kind === 'invalid') {
    util.error('kind "invalid" is refused by the validate step', 'InvalidArgument');
  }
  ctx.stash.trail.push(`validate(prev.pk=${(ctx.prev.result as { pk: string }).pk})`);
  return { payload: ctx.prev.result };
}

export function response(ctx: Context) {
  return ctx.result;
}
