import { runtime, util, type Context } from '@aws-appsync/utils';

export function request(
  ctx: Context<{ pk: string; sk: string; kind: string; skipWrite?: boolean }, { trail: string[] }>,
) {
  if (ctx.args.skipWrite) {
    ctx.stash.trail.push('write-skipped');
    runtime.earlyReturn({ pk: ctx.args.pk, sk: ctx.args.sk });
  }
  ctx.stash.trail.push('write');
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ pk: ctx.args.pk, sk: ctx.args.sk }),
    attributeValues: util.dynamodb.toMapValues({ kind: ctx.args.kind }),
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
