import { util, type Context } from '@aws-appsync/utils';
import { scan } from '@aws-appsync/utils/dynamodb';

export function request(ctx: Context<{ limit?: number; nextToken?: string }>) {
  const { limit, nextToken } = ctx.args;
  return scan({ ...(limit ? { limit } : {}), ...(nextToken ? { nextToken } : {}) });
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
