import { storeConfig } from './config';
import { apiEventPublisher } from './events';
import { createModels } from './models';
import { outcomeOf, type Outcome } from './outcome';
import type { Store } from './store';

/** What Courier's resolvers send a store function: the field to serve and its arguments. */
export interface StoreCall {
  readonly field: string;
  readonly arguments: Record<string, unknown>;
  /** Set for fields of Queue (stats): the queue being resolved. */
  readonly source?: Record<string, unknown> | null;
}

type Operation = (store: Store, call: StoreCall) => Promise<unknown>;

/** The store of this execution environment, built at its first invocation and then reused. */
let shared: Store | undefined;

function environmentStore(): Store {
  shared ??= (() => {
    const config = storeConfig();
    return {
      config,
      models: createModels(config),
      events: apiEventPublisher(config.graphqlUrl),
      now: Date.now,
    };
  })();
  return shared;
}

/**
 * A Lambda handler serving the named fields. Input problems come back as data (see Outcome);
 * anything else throws and reaches the client as AppSync's Lambda:Unhandled.
 */
export function storeHandler(operations: Readonly<Record<string, Operation>>) {
  return async (call: StoreCall): Promise<Outcome<unknown>> => {
    const operation = operations[call.field];
    if (!operation) {
      throw new Error(
        `This function serves ${Object.keys(operations).join(', ')}; it was called for ${String(call.field)}.`,
      );
    }
    const store = environmentStore();
    return outcomeOf(() => operation(store, call));
  };
}
