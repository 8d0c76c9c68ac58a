/**
 * The parcel service's day, told step by step. The story sets things up as the dispatcher, lets
 * vendors and drivers act on their own, and tells what they report in a fixed order, checking
 * on the way that the queues behave as promised (FIFO order, deduplication, redelivery).
 */
import type { Queue, QueueStats } from '../generated/graphql';
import { Driver } from './driver';
import type { Graphql } from './graphql';
import type { EventPattern, Journal, StoryEvent } from './journal';
import type { Narrator } from './narrator';
import { CREATE_QUEUE, QUEUE_STATS } from './operations';
import type { ActorContext, Parcel } from './parcels';
import { Vendor } from './vendor';

export const NORTH = 'pickups-north.fifo';
export const SOUTH = 'pickups-south.fifo';
export const DEAD = 'pickups-dead.fifo';
const VISIBILITY_TIMEOUT_SECONDS = 2;
const MAX_RECEIVE_COUNT = 3;

const F1: Parcel = { id: 'F-1', to: '12 Elm Street' };
const F2: Parcel = { id: 'F-2', to: '4 Harbour Road' };
const F3: Parcel = { id: 'F-3', to: '31 Mill Lane' };
const B1: Parcel = { id: 'B-1', to: '7 Station Square' };
const B2: Parcel = { id: 'B-2', to: '19 Orchard Way' };
const B3: Parcel = { id: 'B-3', to: '2 Bridge Street' };

/** Who takes part; every one of them is stopped when the story ends, however it ends. */
export interface Cast {
  readonly florist: Vendor;
  readonly bakery: Vendor;
  readonly cho: Driver;
  readonly ben: Driver;
  readonly ana: Driver;
  readonly everyone: readonly { stop(): Promise<void> }[];
}

export function castFor(context: ActorContext): Cast {
  const florist = new Vendor('florist', SOUTH, context);
  const bakery = new Vendor('bakery', NORTH, context);
  const cho = new Driver('cho', SOUTH, context);
  const ben = new Driver('ben', NORTH, context, { crashesAfterFirstPickup: true });
  const ana = new Driver('ana', NORTH, context);
  return { florist, bakery, cho, ben, ana, everyone: [florist, bakery, cho, ben, ana] };
}

export interface Scene {
  readonly narrator: Narrator;
  readonly journal: Journal;
  /** GraphQL as an admin (the Cognito group `admins`): only admins create queues. */
  readonly admin: Graphql;
  readonly signal: AbortSignal;
}

/** The story found the service not doing what it promises. */
export class StoryError extends Error {
  override readonly name = 'StoryError';
}

export interface Summary {
  readonly sent: number;
  readonly delivered: number;
  readonly duplicatesRefused: number;
  readonly redeliveries: number;
}

export async function tellStory(scene: Scene, cast: Cast): Promise<Summary> {
  await setUp(scene, cast);
  scene.narrator.heading('South: a normal round');
  await normalRound(scene, cast);
  scene.narrator.heading('North: a driver crashes');
  await crashAndRedelivery(scene, cast);
  scene.narrator.heading('Summary');
  return summarize(scene, cast);
}

async function setUp(scene: Scene, cast: Cast): Promise<void> {
  const { narrator } = scene;
  await createQueue(scene, { name: DEAD, type: 'FIFO' });
  narrator.say(`dispatcher created ${DEAD} (FIFO) for parcels nobody manages to deliver`);
  for (const name of [NORTH, SOUTH]) {
    await createQueue(scene, {
      name,
      type: 'FIFO',
      visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS,
      deadLetterQueue: DEAD,
      maxReceiveCount: MAX_RECEIVE_COUNT,
    });
    narrator.say(
      `dispatcher created ${name} (FIFO, visibility timeout ${VISIBILITY_TIMEOUT_SECONDS} s, ` +
        `to ${DEAD} after ${MAX_RECEIVE_COUNT} receives)`,
    );
  }
  for (const vendor of [cast.florist, cast.bakery]) {
    await vendor.watchDeliveries();
    narrator.say(`${vendor.actor} watches ${vendor.queue} for deliveries (onQueueEvent)`);
  }
  for (const driver of [cast.cho, cast.ben]) {
    await startShift(scene, driver);
  }
}

/** Three parcels in one batch, delivered in order; then a retried request that creates nothing. */
async function normalRound(scene: Scene, cast: Cast): Promise<void> {
  const { narrator } = scene;
  const { florist, cho } = cast;
  const parcels = [F1, F2, F3];
  await florist.requestPickups(parcels);
  const sent = new Map<string, StoryEvent>();
  for (const parcel of parcels) {
    sent.set(
      parcel.id,
      await tell(scene, { kind: 'sent', actor: florist.actor, parcel: parcel.id }),
    );
  }
  await tell(scene, { kind: 'woken', actor: cho.actor });
  for (const parcel of parcels) {
    await tellDelivery(scene, cho, florist, parcel.id, 1);
  }

  // The florist's app retries F-2's request, as after a timeout: same deduplicationId.
  const retried = F2;
  await florist.requestPickup(retried);
  const duplicate = await tell(scene, {
    kind: 'duplicate',
    actor: florist.actor,
    parcel: retried.id,
  });
  if (duplicate.messageId !== sent.get(retried.id)?.messageId) {
    throw new StoryError(`The duplicate of ${retried.id} names another message than the original`);
  }
  const stats = await queueStats(scene, SOUTH);
  if (stats.available + stats.inFlight + stats.delayed !== 0) {
    throw new StoryError(`A duplicate send left messages in ${SOUTH}: ${JSON.stringify(stats)}`);
  }
  narrator.aside(`the original message; ${SOUTH} still holds ${describeStats(stats)}`);
}

/**
 * Ben picks up B-1 and crashes. B-2 and B-3 wait behind B-1 (one FIFO group per vendor); once
 * B-1's visibility timeout ends, Ana receives the same message again, then B-2 and B-3 in order.
 */
async function crashAndRedelivery(scene: Scene, cast: Cast): Promise<void> {
  const { narrator } = scene;
  const { bakery, ben, ana } = cast;
  const [first, rest] = [B1, [B2, B3]] as const;
  await bakery.requestPickup(first);
  await tell(scene, { kind: 'sent', actor: bakery.actor, parcel: first.id });
  await tell(scene, { kind: 'woken', actor: ben.actor });
  const dropped = await tellPickup(scene, ben, first.id, 1);
  await tell(scene, { kind: 'crashed', actor: ben.actor, parcel: first.id });
  narrator.aside(
    `${first.id} stays in flight, hidden from every driver, until ${VISIBILITY_TIMEOUT_SECONDS} s have passed`,
  );

  await startShift(scene, ana);
  await bakery.requestPickups(rest);
  for (const parcel of rest) {
    await tell(scene, { kind: 'sent', actor: bakery.actor, parcel: parcel.id });
  }
  narrator.aside(`FIFO: they wait behind ${first.id}, the bakery's oldest parcel`);
  await tell(scene, { kind: 'woken', actor: ana.actor });
  const redelivered = await tellPickup(scene, ana, first.id, 2);
  if (redelivered.messageId !== dropped.messageId) {
    throw new StoryError(`${ana.actor} received another message than the one ${ben.actor} dropped`);
  }
  const later = ((redelivered.at - dropped.at) / 1000).toFixed(1);
  narrator.aside(
    `redelivered: the same message ${redelivered.messageId}, receive #2, ${later} s after ${ben.name}'s pickup`,
  );
  await tellDropOff(scene, ana, bakery, first.id);
  for (const parcel of rest) {
    await tellDelivery(scene, ana, bakery, parcel.id, 1);
  }
}

async function summarize(scene: Scene, cast: Cast): Promise<Summary> {
  const { narrator, journal } = scene;
  let left = 0;
  for (const name of [NORTH, SOUTH, DEAD]) {
    const stats = await queueStats(scene, name);
    left += stats.available + stats.inFlight + stats.delayed;
    narrator.say(`${name}: ${describeStats(stats)}`);
  }
  const count = (kind: StoryEvent['kind']) => journal.all.filter((e) => e.kind === kind).length;
  const summary: Summary = {
    sent: count('sent'),
    delivered: count('notified'),
    duplicatesRefused: count('duplicate'),
    redeliveries: journal.all.filter((e) => e.kind === 'picked-up' && (e.receiveCount ?? 0) > 1)
      .length,
  };
  // Every new parcel notified its queue's drivers once; the duplicate notified nobody.
  const heard = [cast.cho, cast.ben, cast.ana].reduce((sum, d) => sum + d.notifications, 0);
  narrator.say(`drivers heard ${heard} onMessageSent notifications, one per new parcel`);
  narrator.say(
    `parcels sent: ${summary.sent}, delivered: ${summary.delivered}, ` +
      `duplicates refused: ${summary.duplicatesRefused}, redeliveries: ${summary.redeliveries}`,
  );
  if (left !== 0 || summary.delivered !== summary.sent || heard !== summary.sent) {
    throw new StoryError(
      `${left} messages left, ${summary.sent - summary.delivered} undelivered, ` +
        `${heard} notifications for ${summary.sent} new parcels`,
    );
  }
  return summary;
}

async function createQueue(scene: Scene, input: Record<string, unknown>): Promise<void> {
  await scene.admin<{ createQueue: Queue }>(CREATE_QUEUE, { input }, scene.signal);
}

async function queueStats(scene: Scene, name: string): Promise<QueueStats> {
  const { queue } = await scene.admin<{ queue: Pick<Queue, 'stats'> | null }>(
    QUEUE_STATS,
    { name },
    scene.signal,
  );
  if (!queue) {
    throw new StoryError(`Queue ${name} is gone`);
  }
  return queue.stats;
}

function describeStats(stats: QueueStats): string {
  return `${stats.available} available, ${stats.inFlight} in flight, ${stats.delayed} delayed`;
}

async function startShift(scene: Scene, driver: Driver): Promise<void> {
  await driver.startShift();
  scene.narrator.say(`${driver.actor} starts a shift on ${driver.queue} (onMessageSent)`);
}

/** Waits for the event and tells it, stamped with when it happened. */
async function tell(scene: Scene, pattern: EventPattern): Promise<StoryEvent> {
  const event = await scene.journal.next(pattern, scene.signal);
  scene.narrator.say(event.line, event.at);
  return event;
}

/** The driver's next pickup, which FIFO order says must be `parcel`, on its `receiveCount`th receive. */
async function tellPickup(
  scene: Scene,
  driver: Driver,
  parcel: string,
  receiveCount: number,
): Promise<StoryEvent> {
  const event = await tell(scene, { kind: 'picked-up', actor: driver.actor });
  if (event.parcel !== parcel || event.receiveCount !== receiveCount) {
    throw new StoryError(
      `Expected ${driver.actor} to pick up ${parcel} (receive #${receiveCount}) next; ` +
        `got ${event.parcel} (receive #${event.receiveCount})`,
    );
  }
  return event;
}

/** The drop-off and the vendor hearing of it. */
async function tellDropOff(
  scene: Scene,
  driver: Driver,
  vendor: Vendor,
  parcel: string,
): Promise<void> {
  await tell(scene, { kind: 'delivering', actor: driver.actor, parcel });
  await tell(scene, { kind: 'notified', actor: vendor.actor, parcel });
}

async function tellDelivery(
  scene: Scene,
  driver: Driver,
  vendor: Vendor,
  parcel: string,
  receiveCount: number,
): Promise<void> {
  await tellPickup(scene, driver, parcel, receiveCount);
  await tellDropOff(scene, driver, vendor, parcel);
}
