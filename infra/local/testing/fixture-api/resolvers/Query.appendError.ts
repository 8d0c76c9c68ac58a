import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context<{ message: string }>) {
  util.appendError(ctx.args.message, 'Appended', null, { note: 'the value still counts' });
  return { payload: 'kept' };
}

export function response(ctx: Context) {
  return ctx.result;
}
