/**
 * Control flow that APPSYNC_JS code cannot catch: util.error, util.unauthorized and
 * runtime.earlyReturn stop the handler. They are thrown as plain branded objects; the runtime
 * recognises them by the brand (a string key, so it works across realms).
 */
export const SIGNAL = '__courierSignal';

export type Signal =
  | {
      readonly [SIGNAL]: 'error';
      readonly message: string;
      readonly errorType: string | null;
      readonly data: unknown;
      readonly errorInfo: unknown;
    }
  | { readonly [SIGNAL]: 'unauthorized' }
  | { readonly [SIGNAL]: 'earlyReturn'; readonly value: unknown; readonly skipTo: 'END' | 'NEXT' }
  | { readonly [SIGNAL]: 'timeout'; readonly budgetMs: number };

export function isSignal(value: unknown): value is Signal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)[SIGNAL] === 'string'
  );
}

export function errorSignal(
  message: unknown,
  errorType: unknown,
  data: unknown,
  errorInfo: unknown,
): Signal {
  return {
    [SIGNAL]: 'error',
    message: String(message),
    errorType: errorType === undefined || errorType === null ? null : String(errorType),
    data: data === undefined ? null : data,
    errorInfo: errorInfo === undefined ? null : errorInfo,
  };
}
