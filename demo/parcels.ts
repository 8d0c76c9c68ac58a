/** What vendors, drivers and the story share: parcels, and what every actor needs to act. */
import type { Graphql } from './graphql';
import type { Journal } from './journal';
import type { Clock } from './narrator';
import type { RealtimeEndpoint } from './realtime';

export interface Parcel {
  /** The parcel's id: also the message's deduplicationId. */
  readonly id: string;
  readonly to: string;
}

/** A pickup request's body. */
export interface PickupRequest {
  readonly parcel: string;
  readonly vendor: string;
  readonly to: string;
}

export interface ActorContext {
  /** GraphQL with the API key: what vendors' and drivers' apps hold. */
  readonly graphql: Graphql;
  readonly endpoint: RealtimeEndpoint;
  readonly journal: Journal;
  readonly clock: Clock;
  /** Aborted on Ctrl-C: requests in flight are abandoned. */
  readonly signal: AbortSignal;
}

export function pickupRequest(vendor: string, parcel: Parcel): string {
  const request: PickupRequest = { parcel: parcel.id, vendor, to: parcel.to };
  return JSON.stringify(request);
}

export function readPickupRequest(body: string): PickupRequest {
  return JSON.parse(body) as PickupRequest;
}
