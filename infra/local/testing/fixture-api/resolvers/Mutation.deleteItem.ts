import { util, type Context } from '@aws-appsync/utils';
import { remove } from '@aws-appsync/utils/dynamodb';

export function request(ctx: Context<{ pk: string; sk: string; onlyIfKind?: string }>) {
  const { pk, sk, onlyIfKind } = ctx.args;
  if (onlyIfKind) {
    return remove({ key: { pk, sk }, condition: { kind: { eq: onlyIfKind } } });
  }
  return remove({ key: { pk, sk } });
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type, ctx.result);
  }
  return ctx.result;
}
