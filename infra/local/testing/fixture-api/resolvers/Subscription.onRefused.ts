import { util } from '@aws-appsync/utils';

/** Refuses every subscriber at subscribe time. */
export function request() {
  return util.error('Subscriptions to onRefused are refused.', 'Refused');
}

export function response() {
  return null;
}
