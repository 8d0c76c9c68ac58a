import { runtime, type Context } from '@aws-appsync/utils';

/** Returns before DynamoDB is called: the data source and response handler never run. */
export function request(ctx: Context<{ value: string }>) {
  if (ctx.args.value !== '') {
    runtime.earlyReturn(`early: ${ctx.args.value}`);
  }
  return { operation: 'GetItem', key: {} };
}

export function response() {
  return 'the response handler ran';
}
