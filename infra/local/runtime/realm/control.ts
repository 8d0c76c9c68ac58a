import type { Extensions, ReturnOptions, SubscriptionFilter } from '@aws-appsync/utils';
import type { RealmDeps } from './deps';
import { SIGNAL } from './signals';

/** AppSync accepts at most this many invalidateSubscriptions calls per request [runtime §3.8]. */
const MAX_INVALIDATIONS = 5;

/** `extensions`: side effects recorded for the engine to apply after the handler returns. */
export function createExtensions({ scope }: RealmDeps): Extensions {
  return {
    evictFromApiCache(typeName, fieldName, keyValuePair) {
      scope.current.evictions.push({
        typeName: String(typeName),
        fieldName: String(fieldName),
        keys: { ...keyValuePair },
      });
    },
    setSubscriptionFilter(filter: SubscriptionFilter) {
      scope.current.subscriptionFilter = filter;
    },
    setSubscriptionInvalidationFilter(filter: SubscriptionFilter) {
      scope.current.subscriptionInvalidationFilter = filter;
    },
    invalidateSubscriptions(obj) {
      if (scope.current.invalidations.length >= MAX_INVALIDATIONS) {
        throw new Error(
          `extensions.invalidateSubscriptions: at most ${MAX_INVALIDATIONS} calls per request are allowed.`,
        );
      }
      scope.current.invalidations.push({
        subscriptionField: String(obj.subscriptionField),
        payload: obj.payload,
      });
    },
  };
}

/** `runtime.earlyReturn`: stops the handler; the runtime turns the signal into the step's result. */
export function createRuntime(_deps: RealmDeps): {
  earlyReturn(obj?: unknown, returnOptions?: ReturnOptions): never;
} {
  return {
    earlyReturn(obj?: unknown, returnOptions?: ReturnOptions): never {
      const skipTo = returnOptions?.skipTo === 'END' ? 'END' : 'NEXT';
      throw { [SIGNAL]: 'earlyReturn', value: obj === undefined ? null : obj, skipTo };
    },
  };
}
