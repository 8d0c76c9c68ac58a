import { extensions, type Context } from '@aws-appsync/utils';

export function request() {
  return { payload: null };
}

export function response(ctx: Context<{ pk: string }>) {
  extensions.invalidateSubscriptions({
    subscriptionField: 'onItemPutFiltered',
    payload: { pk: ctx.args.pk },
  });
  return true;
}
