import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context<{ pk: string; sks: string[]; requireAbsent?: boolean }>) {
  const table = ctx.env['ITEMS_TABLE'] ?? '';
  const { pk, requireAbsent } = ctx.args;
  return {
    operation: 'TransactWriteItems',
    transactItems: ctx.args.sks.map((sk) => ({
      table,
      operation: 'PutItem',
      key: util.dynamodb.toMapValues({ pk, sk }),
      attributeValues: util.dynamodb.toMapValues({ kind: 'transact' }),
      condition: requireAbsent ? { expression: 'attribute_not_exists(pk)' } : undefined,
    })),
  };
}

/** Hands back the transaction's result and error as they reached the handler. */
export function response(ctx: Context) {
  return {
    keys: ctx.result ? ctx.result.keys : null,
    cancellationReasons: ctx.result ? ctx.result.cancellationReasons : null,
    error: ctx.error ? ctx.error.type : null,
  };
}
