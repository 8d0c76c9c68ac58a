import { util, type Context } from '@aws-appsync/utils';

export function request(
  ctx: Context<{ pk: string; limit?: number; nextToken?: string; kind?: string }>,
) {
  const { pk, limit, nextToken, kind } = ctx.args;
  return {
    operation: 'Query',
    query: {
      expression: '#pk = :pk',
      expressionNames: { '#pk': 'pk' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': pk }),
    },
    filter: kind
      ? {
          expression: '#kind = :kind',
          expressionNames: { '#kind': 'kind' },
          expressionValues: util.dynamodb.toMapValues({ ':kind': kind }),
        }
      : undefined,
    limit,
    nextToken,
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
