import type { DocumentNode } from 'graphql';
import type { Caller } from '../engine';
import { matchesArguments } from './arguments';
import { matchesFilter, type SubscriptionFilter } from './filter';
import type { SubscriptionSink } from './types';

/** One live subscription, as registered at `start`. */
export interface Registration {
  readonly fieldName: string;
  /** The arguments the client supplied (basic filtering); ignored once a filter is set. */
  readonly args: Readonly<Record<string, unknown>>;
  readonly filter: SubscriptionFilter | null;
  readonly invalidationFilter: SubscriptionFilter | null;
  readonly document: DocumentNode;
  readonly operationName: string | null;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly caller: Caller;
  readonly sink: SubscriptionSink;
}

/**
 * Live subscriptions by field. Publishing walks only the subscriptions of the fields a mutation
 * feeds; each one is matched by its enhanced filter or, without one, by its arguments.
 */
export class SubscriptionRegistry {
  private readonly byField = new Map<string, Set<Registration>>();

  add(registration: Registration): () => void {
    let set = this.byField.get(registration.fieldName);
    if (!set) {
      set = new Set();
      this.byField.set(registration.fieldName, set);
    }
    set.add(registration);
    const owner = set;
    return () => {
      owner.delete(registration);
    };
  }

  /** Subscriptions of `fieldName` that this payload passes. */
  matching(fieldName: string, payload: unknown): Registration[] {
    const set = this.byField.get(fieldName);
    if (!set) {
      return [];
    }
    // Enhanced filters replace argument filters [runtime §9.3].
    return [...set].filter((entry) =>
      entry.filter ? matchesFilter(entry.filter, payload) : matchesArguments(entry.args, payload),
    );
  }

  /** Removes and returns the subscriptions of `fieldName` whose invalidation filter matches. */
  invalidate(fieldName: string, payload: unknown): Registration[] {
    const set = this.byField.get(fieldName);
    if (!set) {
      return [];
    }
    const ended = [...set].filter(
      (entry) =>
        entry.invalidationFilter !== null && matchesFilter(entry.invalidationFilter, payload),
    );
    ended.forEach((entry) => set.delete(entry));
    return ended;
  }

  size(): number {
    let count = 0;
    this.byField.forEach((set) => (count += set.size));
    return count;
  }
}
