import type { Context } from '@aws-appsync/utils';

export function request() {
  return { payload: 'for API keys' };
}

export function response(ctx: Context) {
  return ctx.result;
}
