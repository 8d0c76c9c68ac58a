import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context<{ pk: string; sk: string; kind: string }>) {
  return { operation: 'Invoke', payload: { action: 'putItem', ...ctx.args } };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
