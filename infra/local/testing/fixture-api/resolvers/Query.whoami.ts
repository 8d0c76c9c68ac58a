import { util, type Context } from '@aws-appsync/utils';

export function request() {
  return { payload: null };
}

export function response(ctx: Context) {
  return {
    authType: util.authType(),
    identity: ctx.identity ?? null,
    headers: ctx.request.headers,
    info: {
      fieldName: ctx.info.fieldName,
      parentTypeName: ctx.info.parentTypeName,
      variables: ctx.info.variables,
      selectionSetList: ctx.info.selectionSetList,
      selectionSetGraphQL: ctx.info.selectionSetGraphQL,
      source: ctx.source ?? null,
    },
    env: { ITEMS_TABLE: ctx.env['ITEMS_TABLE'], STAGE: ctx.env['STAGE'] },
  };
}
