import type { StoreConfig } from './config';
import type { EventPublisher } from './events';
import type { Models } from './models';

/** Everything an operation needs: the tables, the event publisher, and the clock. */
export interface Store {
  readonly models: Models;
  readonly config: StoreConfig;
  readonly events: EventPublisher;
  /** Epoch milliseconds. Tests move it to cross retention and deduplication windows. */
  readonly now: () => number;
}
