import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context<{ pk: string; sks: string[] }>) {
  const table = ctx.env['ITEMS_TABLE'] ?? '';
  const { pk } = ctx.args;
  return {
    operation: 'TransactGetItems',
    transactItems: ctx.args.sks.map((sk) => ({
      table,
      key: util.dynamodb.toMapValues({ pk, sk }),
    })),
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result.items;
}
