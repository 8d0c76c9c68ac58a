/**
 * What the engine asks of a data source, and what it gets back. Adapters translate between
 * AppSync's request objects and a back end (DynamoDB Local, a local Lambda, nothing) and shape
 * results and errors as AppSync does; they know nothing of GraphQL or HTTP.
 */

/** A data-source failure as a response handler sees it in `ctx.error`. */
export interface DataSourceError {
  readonly message: string;
  /** AppSync's type, such as `DynamoDB:ConditionalCheckFailedException` or `Lambda:Unhandled`. */
  readonly type: string;
}

/** The outcome of one data-source call: `ctx.result`, and `ctx.error` when it failed. */
export interface DataSourceResult {
  readonly result: unknown;
  readonly error?: DataSourceError;
}

/** Who is calling: used to bind pagination tokens to their resolver, and in messages. */
export interface DataSourceCall {
  /** The code unit's id: `Type.field` or `Type.field/NN.step`. */
  readonly unit: string;
}

/**
 * A request object AppSync would refuse before calling the data source (unknown operation,
 * missing key, malformed typed value). The field fails with this errorType and message; no call
 * is made and nothing is written.
 */
export class DataSourceRequestError extends Error {
  constructor(
    message: string,
    readonly errorType: string = 'MappingTemplate',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DataSourceRequestError';
  }
}

export interface DataSource {
  readonly kind: 'DYNAMODB' | 'LAMBDA' | 'NONE';
  /** Runs one request object (a request handler's return value). */
  invoke(request: unknown, call: DataSourceCall): Promise<DataSourceResult>;
  /** Releases what the adapter holds (clients, workers). */
  close?(): Promise<void>;
}

/** A Lambda data source can also take a batch: one event holding every payload, one result each. */
export interface BatchingDataSource extends DataSource {
  readonly kind: 'LAMBDA';
  invokeBatch(payloads: readonly unknown[], call: DataSourceCall): Promise<DataSourceResult[]>;
}
