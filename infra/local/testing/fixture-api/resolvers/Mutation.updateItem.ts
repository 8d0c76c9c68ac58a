import { util, type Context } from '@aws-appsync/utils';

export function request(
  ctx: Context<{ pk: string; sk: string; add: number; expectedCount?: number }>,
) {
  const { pk, sk, add, expectedCount } = ctx.args;
  const condition =
    expectedCount === undefined || expectedCount === null
      ? undefined
      : {
          expression: '#count = :expected',
          expressionNames: { '#count': 'count' },
          expressionValues: util.dynamodb.toMapValues({ ':expected': expectedCount }),
        };
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ pk, sk }),
    update: {
      expression: 'ADD #count :add',
      expressionNames: { '#count': 'count' },
      expressionValues: util.dynamodb.toMapValues({ ':add': add }),
    },
    condition,
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type, ctx.result);
  }
  return ctx.result;
}
