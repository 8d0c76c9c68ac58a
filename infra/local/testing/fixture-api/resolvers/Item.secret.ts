import type { Context } from '@aws-appsync/utils';

export function request() {
  return { payload: { code: 'only through the default mode' } };
}

export function response(ctx: Context) {
  return ctx.result;
}
