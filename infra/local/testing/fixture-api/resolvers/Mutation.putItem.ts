import { util, type Context } from '@aws-appsync/utils';

interface Args {
  pk: string;
  sk: string;
  kind?: string;
  count?: number;
  tags?: string[];
  data?: unknown;
  onlyIfNew?: boolean;
}

export function request(ctx: Context<Args>) {
  const { pk, sk, onlyIfNew, ...rest } = ctx.args;
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ pk, sk }),
    attributeValues: util.dynamodb.toMapValues(rest),
    condition: onlyIfNew ? { expression: 'attribute_not_exists(pk)' } : undefined,
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type, ctx.result);
  }
  return ctx.result;
}
