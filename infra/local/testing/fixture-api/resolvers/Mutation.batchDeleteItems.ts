import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context<{ pk: string; sks: string[] }>) {
  const table = ctx.env['ITEMS_TABLE'] ?? '';
  const { pk } = ctx.args;
  return {
    operation: 'BatchDeleteItem',
    tables: { [table]: ctx.args.sks.map((sk) => util.dynamodb.toMapValues({ pk, sk })) },
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  const keys: { sk: string }[] = ctx.result.data[ctx.env['ITEMS_TABLE'] ?? ''];
  return keys.map((key) => key.sk);
}
