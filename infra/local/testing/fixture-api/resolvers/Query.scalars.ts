import type { Context } from '@aws-appsync/utils';

/** Hands the input back: what arrives is what AppSync's scalars parsed. */
export function request(ctx: Context<{ input: Record<string, unknown> }>) {
  return { payload: ctx.args.input };
}

export function response(ctx: Context) {
  return ctx.result;
}
