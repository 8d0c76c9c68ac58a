import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context<{ message: string }>) {
  return { operation: 'Invoke', payload: { action: 'fail', message: ctx.args.message } };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
