import { util, type Context } from '@aws-appsync/utils';

interface Args {
  message: string;
  errorType?: string;
  data?: unknown;
  errorInfo?: unknown;
}

export function request(ctx: Context<Args>) {
  const { message, errorType, data, errorInfo } = ctx.args;
  util.error(message, errorType, data, errorInfo);
}

export function response(ctx: Context) {
  return ctx.result;
}
