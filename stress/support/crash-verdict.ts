/**
 * The checks of one kill point over its ledger, as counts plus readable lines for violations:
 * - lost: a message the server promised (send answered, or seen delivered) that was neither
 *   acknowledged with an answer before the kill nor delivered after the restart (an
 *   acknowledgement in flight at the kill may have removed it: counted apart, not as lost);
 * - resurrected: delivered after the restart although acknowledged with an answer before (in this
 *   round or any earlier one);
 * - early: delivered again before the previous delivery's visibleUntil (in flight twice);
 * - in flight at the kill: deliveries not acknowledged whose timeout had not passed at the kill,
 *   and how many came back after the restart.
 */
import type { CrashLedger, DeliverySeen, MessageEntry } from './crash-ledger';

export interface RoundCounts {
  readonly sendsAnswered: number;
  /** Sends in flight at the kill: no answer came. */
  readonly sendsUnanswered: number;
  /** Of those, the ones whose message turned up (before the kill or after the restart). */
  readonly unansweredFound: number;
  /** Sends answered with an error (the JVM was gone) or failed batch entries. */
  readonly sendsFailed: number;
  /** Of those, the ones whose message turned up anyway. */
  readonly failedFound: number;
  readonly acksAnswered: number;
  /** Messages whose only acknowledgements before the kill got no answer or an error. */
  readonly acksUnconfirmed: number;
  /** Of those, the ones that did not come back: the acknowledgement took effect. */
  readonly acksUnconfirmedApplied: number;
  readonly inFlightAtKill: number;
  readonly inFlightCameBack: number;
  /**
   * Of those in flight at the kill, the ones whose timeout was still running when the restarted
   * engine was ready: the drain asked for them at once, so an early redelivery would show.
   */
  readonly inFlightPastRestart: number;
  readonly deliveriesBefore: number;
  readonly deliveriesAfter: number;
  /** Lost messages whose send was answered before the kill (or that were seen delivered). */
  readonly lost: number;
  /**
   * Lost messages whose send the engine answered only after the kill: possible when the JVM alone
   * was killed and the engine relayed an answer DynamoDB Local gave just before it died.
   */
  readonly lostAnsweredAfterKill: number;
  readonly resurrected: number;
  readonly early: number;
  /** FIFO deliveries after the restart out of sequence order within their group. */
  readonly fifoOrder: number;
  /** Deliveries of bodies this round never sent and no earlier round acknowledged. */
  readonly strays: number;
}

export interface RoundVerdict {
  readonly counts: RoundCounts;
  /** One line per violation (the first few are enough to debug). */
  readonly violations: readonly string[];
  /** Allowed but worth a look: sends answered with an error whose message exists anyway. */
  readonly notes: readonly string[];
  /** Message ids acknowledged with an answer in this round (for later rounds' checks). */
  readonly acknowledgedIds: readonly string[];
}

const answeredAck = (entry: MessageEntry, phase: 'before' | 'after'): boolean =>
  entry.acks.some((ack) => ack.phase === phase && ack.end === 'answered');

const unconfirmedAck = (entry: MessageEntry): boolean =>
  entry.acks.some(
    (ack) => ack.phase === 'before' && (ack.end === 'no-answer' || ack.end === 'error'),
  );

function describe(entry: MessageEntry, killAtMs: number): string {
  const ended =
    entry.sendEndedAtMs === undefined ? '' : ` ${entry.sendEndedAtMs - killAtMs} ms after the kill`;
  const deliveries = entry.deliveries
    .map((d) => `${d.phase}#${d.receiveCount} claimed ${d.claimedAtMs} until ${d.visibleUntilMs}`)
    .join(', ');
  const acks = entry.acks.map((ack) => `${ack.phase}:${ack.end}`).join(', ');
  return `${entry.queue} ${entry.body} (${entry.id ?? 'no id'}; send ${entry.send}${ended}; deliveries [${deliveries}]; acks [${acks}])`;
}

/** Deliveries claimed while the previous one was still in flight (receive counts must grow too). */
function earlyDeliveries(deliveries: readonly DeliverySeen[]): DeliverySeen[] {
  const ordered = [...deliveries].sort(
    (a, b) => a.receiveCount - b.receiveCount || a.seen - b.seen,
  );
  return ordered.filter((delivery, i) => {
    const previous = ordered[i - 1];
    return (
      previous !== undefined &&
      (delivery.receiveCount <= previous.receiveCount ||
        delivery.claimedAtMs < previous.visibleUntilMs)
    );
  });
}

/** After the restart, within each FIFO group, sequence numbers must grow in delivery order. */
function fifoOrderBreaks(entries: Iterable<MessageEntry>): DeliverySeen[] {
  const byGroup = new Map<string, DeliverySeen[]>();
  for (const entry of entries) {
    for (const delivery of entry.deliveries) {
      if (entry.fifo && delivery.phase === 'after') {
        const key = `${delivery.queue}/${delivery.groupId ?? ''}`;
        byGroup.set(key, [...(byGroup.get(key) ?? []), delivery]);
      }
    }
  }
  const breaks: DeliverySeen[] = [];
  for (const deliveries of byGroup.values()) {
    deliveries.sort((a, b) => a.seen - b.seen);
    deliveries.forEach((delivery, i) => {
      const previous = deliveries[i - 1];
      if (
        previous !== undefined &&
        (delivery.sequenceNumber ?? '') <= (previous.sequenceNumber ?? '')
      ) {
        breaks.push(delivery);
      }
    });
  }
  return breaks;
}

/** Checks one kill point; `acknowledgedEarlier` holds ids acknowledged in earlier rounds. */
export function verifyRound(
  ledger: CrashLedger,
  acknowledgedEarlier: ReadonlySet<string>,
): RoundVerdict {
  const killAt = ledger.killAtMs ?? Number.POSITIVE_INFINITY;
  const violations: string[] = [];
  const notes: string[] = [];
  const counts: Record<keyof RoundCounts, number> = { ...ZERO_COUNTS };
  const acknowledgedIds: string[] = [];
  for (const entry of ledger.entries.values()) {
    const before = entry.deliveries.filter((d) => d.phase === 'before');
    const after = entry.deliveries.filter((d) => d.phase === 'after');
    counts.deliveriesBefore += before.length;
    counts.deliveriesAfter += after.length;
    const ackedBefore = answeredAck(entry, 'before');
    const ackUnconfirmed = !ackedBefore && unconfirmedAck(entry);
    const existed = entry.send === 'answered' || entry.deliveries.length > 0;
    if (entry.send === 'answered') {
      counts.sendsAnswered += 1;
    } else if (entry.send === 'error') {
      counts.sendsFailed += 1;
      if (entry.deliveries.length > 0) {
        counts.failedFound += 1;
        notes.push(`failed send found: ${describe(entry, killAt)}`);
      }
    } else {
      counts.sendsUnanswered += 1;
      counts.unansweredFound += entry.deliveries.length > 0 ? 1 : 0;
    }
    if (ackedBefore) {
      counts.acksAnswered += 1;
    }
    if (ackUnconfirmed) {
      counts.acksUnconfirmed += 1;
      counts.acksUnconfirmedApplied += after.length === 0 ? 1 : 0;
    }
    if (existed && !ackedBefore && !ackUnconfirmed && after.length === 0) {
      const answeredAfterKill =
        entry.deliveries.length === 0 && (entry.sendEndedAtMs ?? 0) > killAt;
      if (answeredAfterKill) {
        counts.lostAnsweredAfterKill += 1;
      } else {
        counts.lost += 1;
      }
      violations.push(
        `${answeredAfterKill ? 'lost (answered after the kill)' : 'lost'}: ${describe(entry, killAt)}`,
      );
    }
    const resurrected =
      after.length > 0 &&
      (ackedBefore || (entry.id !== undefined && acknowledgedEarlier.has(entry.id)));
    if (resurrected) {
      counts.resurrected += 1;
      violations.push(`resurrected: ${describe(entry, killAt)}`);
    }
    const last = before.at(-1);
    if (last !== undefined && !ackedBefore && last.visibleUntilMs > killAt) {
      counts.inFlightAtKill += 1;
      counts.inFlightCameBack += after.length > 0 ? 1 : 0;
      counts.inFlightPastRestart += last.visibleUntilMs > (ledger.restartedAtMs ?? killAt) ? 1 : 0;
    }
    const early = earlyDeliveries(entry.deliveries);
    if (early.length > 0) {
      counts.early += early.length;
      violations.push(`delivered while in flight: ${describe(entry, killAt)}`);
    }
    if (ackedBefore || answeredAck(entry, 'after')) {
      acknowledgedIds.push(entry.id ?? entry.body);
    }
  }
  for (const broken of fifoOrderBreaks(ledger.entries.values())) {
    counts.fifoOrder += 1;
    violations.push(
      `FIFO order broken at ${broken.queue} ${broken.groupId ?? ''} ${broken.sequenceNumber ?? ''}`,
    );
  }
  for (const stray of ledger.strays) {
    if (acknowledgedEarlier.has(stray.delivery.messageId)) {
      counts.resurrected += 1;
      violations.push(
        `resurrected from an earlier round: ${stray.body} (${stray.delivery.messageId})`,
      );
    } else {
      counts.strays += 1;
      violations.push(`stray delivery: ${stray.body} (${stray.delivery.messageId})`);
    }
  }
  return { counts, violations, notes, acknowledgedIds };
}

export const ZERO_COUNTS: RoundCounts = {
  sendsAnswered: 0,
  sendsUnanswered: 0,
  unansweredFound: 0,
  sendsFailed: 0,
  failedFound: 0,
  acksAnswered: 0,
  acksUnconfirmed: 0,
  acksUnconfirmedApplied: 0,
  inFlightAtKill: 0,
  inFlightCameBack: 0,
  inFlightPastRestart: 0,
  deliveriesBefore: 0,
  deliveriesAfter: 0,
  lost: 0,
  lostAnsweredAfterKill: 0,
  resurrected: 0,
  early: 0,
  fifoOrder: 0,
  strays: 0,
};

/** Sums counts over rounds. */
export function addCounts(a: RoundCounts, b: RoundCounts): RoundCounts {
  const sum = { ...a } as Record<keyof RoundCounts, number>;
  for (const key of Object.keys(b) as (keyof RoundCounts)[]) {
    sum[key] += b[key];
  }
  return sum;
}
