import type { NONERequest } from '@aws-appsync/utils';

/** Authorizes and registers the subscription; AppSync filters events by its queue and kind arguments. */
export function request(): NONERequest {
  return { payload: null };
}

export function response(): null {
  return null;
}
