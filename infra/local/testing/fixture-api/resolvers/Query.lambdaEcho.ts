import type { Context } from '@aws-appsync/utils';

export function request(ctx: Context<{ text: string }>) {
  return { operation: 'Invoke', payload: { action: 'echo', text: ctx.args.text } };
}

export function response(ctx: Context) {
  return ctx.result;
}
