import { DataSourceRequestError, type DataSource, type DataSourceResult } from './types';

/**
 * The NONE data source: calls nothing and hands the request's `payload` back as `ctx.result`, a
 * JSON copy so the response handler cannot reach the request's objects [runtime §7]. A request
 * without a payload gives `null`.
 */
export function createNoneDataSource(): DataSource {
  return {
    kind: 'NONE',
    invoke(request: unknown): Promise<DataSourceResult> {
      if (typeof request !== 'object' || request === null || Array.isArray(request)) {
        const shown = Array.isArray(request)
          ? 'an array'
          : request === null
            ? 'null'
            : typeof request;
        return Promise.reject(
          new DataSourceRequestError(
            `A NONE data source request must be an object such as { payload }; received ${shown}.`,
          ),
        );
      }
      const payload: unknown = (request as { payload?: unknown }).payload;
      const result: unknown = payload === undefined ? null : JSON.parse(JSON.stringify(payload));
      return Promise.resolve({ result });
    },
  };
}
