import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context<{ pk: string; sks: string[] }>) {
  const table = ctx.env['ITEMS_TABLE'] ?? '';
  const { pk } = ctx.args;
  return {
    operation: 'BatchPutItem',
    tables: {
      [table]: ctx.args.sks.map((sk) => util.dynamodb.toMapValues({ pk, sk, kind: 'batch' })),
    },
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result.data[ctx.env['ITEMS_TABLE'] ?? ''];
}
