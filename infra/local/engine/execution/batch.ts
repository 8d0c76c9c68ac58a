import type { BatchingDataSource, DataSourceCall, DataSourceResult } from '../../datasources/types';

interface Pending {
  readonly payload: unknown;
  readonly resolve: (result: DataSourceResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Lambda BatchInvoke for one code unit within one request: the payloads of every field instance
 * resolved in the same pass (siblings at one list level) go to the function as one event, at
 * most `maxBatchSize` at a time [runtime §6.1, §6.3]. Batches never cross requests.
 */
export class BatchCollector {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly dataSource: BatchingDataSource,
    private readonly call: DataSourceCall,
    private readonly maxBatchSize: number,
  ) {}

  load(payload: unknown): Promise<DataSourceResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ payload, resolve, reject });
      if (this.pending.length >= this.maxBatchSize) {
        this.flush();
      } else if (!this.scheduled) {
        this.scheduled = true;
        // graphql-js calls the resolvers of one list level synchronously, one after the other;
        // the next turn of the event loop sees them all.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending.splice(0, this.maxBatchSize);
    if (batch.length === 0) {
      return;
    }
    if (this.pending.length > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    this.dataSource
      .invokeBatch(
        batch.map((item) => item.payload),
        this.call,
      )
      .then(
        (results) => batch.forEach((item, i) => item.resolve(results[i] ?? { result: null })),
        (error: unknown) => batch.forEach((item) => item.reject(error)),
      );
  }
}
