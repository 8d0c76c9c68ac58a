import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context<{ pk: string; sk: string }>) {
  return { operation: 'Invoke', payload: { action: 'readItem', pk: ctx.args.pk, sk: ctx.args.sk } };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
