import type { Context } from '@aws-appsync/utils';

/** One BatchInvoke for every item of a list: the Lambda gets all payloads at once. */
export function request(ctx: Context<Record<string, never>, object, { pk: string; sk: string }>) {
  return { operation: 'BatchInvoke', payload: { action: 'summary', sk: ctx.source.sk } };
}

export function response(ctx: Context) {
  return ctx.result;
}
