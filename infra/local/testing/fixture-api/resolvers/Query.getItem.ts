import { util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';

export function request(ctx: Context<{ pk: string; sk: string; fields?: string[] }>) {
  const { pk, sk, fields } = ctx.args;
  if (fields) {
    return get({ key: { pk, sk }, projection: fields });
  }
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ pk, sk }) };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
