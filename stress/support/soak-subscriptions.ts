/**
 * onMessageSent subscribers during the soak: two that stay for the whole run on each queue (every
 * message sent must reach each of them exactly once), and short-lived ones opened and closed on a
 * timer, so subscription set-up and tear-down run all along (and would show in memory if they
 * leaked).
 */
import { openSubscribers, type Subscribers } from '../../bench/support/realtime-subscribers';

const SUBSCRIPTION = `subscription ($queue: String!) { onMessageSent(queue: $queue) { id queue groupId duplicate } }`;

export interface SubscriptionEndpoint {
  readonly url: string;
  readonly realtimeUrl: string;
  readonly apiKey: string;
}

/** What the subscribers of one queue received: ids per subscriber, and repeats. */
export interface Received {
  readonly queue: string;
  readonly ids: readonly Set<string>[];
  repeats: number;
}

export interface SoakSubscriptions {
  readonly permanent: readonly Received[];
  /** Short-lived subscriber sets opened, events they received, and failures to open. */
  churn(): { readonly opened: number; readonly events: number; readonly failures: number };
  /** Frames that should not have come (errors, early closes), from every subscriber set. */
  unexpected(): readonly string[];
  close(): Promise<void>;
}

const PER_QUEUE = 2;

async function subscribe(
  endpoint: SubscriptionEndpoint,
  queue: string,
  count: number,
  onId: (subscriber: number, id: string) => void,
): Promise<Subscribers> {
  return openSubscribers({
    realtimeUrl: endpoint.realtimeUrl,
    host: new URL(endpoint.url).host,
    apiKey: endpoint.apiKey,
    count,
    perConnection: count,
    query: SUBSCRIPTION,
    variables: { queue },
    onData: (subscriber, payload) => {
      const id = (payload as { data?: { onMessageSent?: { id?: string } } }).data?.onMessageSent
        ?.id;
      if (id !== undefined) {
        onId(subscriber, id);
      }
    },
  });
}

/** Opens the permanent subscribers, then a short-lived set every `churnEveryMs` kept for half that. */
export async function startSoakSubscriptions(
  endpoint: SubscriptionEndpoint,
  queues: readonly string[],
  churnQueue: string,
  churnEveryMs: number,
): Promise<SoakSubscriptions> {
  const permanent: Received[] = [];
  const sets: Subscribers[] = [];
  const retired: string[] = [];
  for (const queue of queues) {
    const received: Received = {
      queue,
      ids: Array.from({ length: PER_QUEUE }, () => new Set<string>()),
      repeats: 0,
    };
    permanent.push(received);
    sets.push(
      await subscribe(endpoint, queue, PER_QUEUE, (subscriber, id) => {
        const ids = received.ids[subscriber];
        if (ids?.has(id)) {
          received.repeats += 1;
        }
        ids?.add(id);
      }),
    );
  }
  const churned = { opened: 0, events: 0, failures: 0 };
  const open = new Set<Subscribers>();
  let closing = false;
  const churnOnce = async (): Promise<void> => {
    try {
      const set = await subscribe(endpoint, churnQueue, 4, () => {
        churned.events += 1;
      });
      churned.opened += 1;
      open.add(set);
      setTimeout(() => {
        open.delete(set);
        retired.push(...set.unexpected);
        void set.close();
      }, churnEveryMs / 2).unref();
    } catch {
      churned.failures += 1;
    }
  };
  const timer = setInterval(() => {
    if (!closing) void churnOnce();
  }, churnEveryMs);
  return {
    permanent,
    churn: () => ({ ...churned }),
    unexpected: () => [
      ...sets.flatMap((set) => set.unexpected),
      ...[...open].flatMap((set) => set.unexpected),
      ...retired,
    ],
    close: async () => {
      closing = true;
      clearInterval(timer);
      await Promise.all([...sets, ...open].map((set) => set.close()));
    },
  };
}
