import { CrashLedger, type RequestEnd } from './crash-ledger';
import { verifyRound, type RoundCounts } from './crash-verdict';

/**
 * The crash checks themselves, on hand-made ledgers: each violation the stress run counts is
 * counted when it happens, and only then.
 */
const KILL_AT = Date.parse('2026-01-01T00:00:10.000Z');
const at = (ms: number) => new Date(KILL_AT + ms).toISOString();

function delivery(id: string, body: string, receiveCount: number, visibleUntilMs: number) {
  return {
    receiptHandle: `h-${id}-${receiveCount}`,
    receiveCount,
    visibleUntil: at(visibleUntilMs),
    message: { id, body, groupId: null, sequenceNumber: null },
  };
}

interface Step {
  readonly phase: 'before' | 'after';
  readonly action: 'send' | 'deliver' | 'ack';
  readonly end?: RequestEnd;
  /** send: when it was answered, ms after the kill (default: a second before). */
  readonly answeredMs?: number;
  /** deliver: receive count and visibleUntil (ms after the kill), 2 s visibility. */
  readonly receiveCount?: number;
  readonly untilMs?: number;
}

function ledgerOf(steps: readonly Step[]): CrashLedger {
  const ledger = new CrashLedger();
  ledger.killAtMs = KILL_AT;
  let handle = '';
  for (const step of steps) {
    ledger.phase = step.phase;
    if (step.action === 'send') {
      ledger.sendStarted('q', 'm1', false);
      const end = step.end ?? 'answered';
      ledger.sendEnded(
        'm1',
        end,
        end === 'answered' ? 'ID1' : undefined,
        KILL_AT + (step.answeredMs ?? -1000),
      );
    } else if (step.action === 'deliver') {
      const seen = delivery('ID1', 'm1', step.receiveCount ?? 1, step.untilMs ?? 0);
      handle = seen.receiptHandle;
      ledger.delivered('q', seen, 2);
    } else {
      ledger.ackStarted('m1', handle).end = step.end ?? 'answered';
    }
  }
  return ledger;
}

const send = (end: RequestEnd = 'answered', answeredMs = -1000): Step => ({
  phase: 'before',
  action: 'send',
  end,
  answeredMs,
});
const deliver = (phase: 'before' | 'after', receiveCount: number, untilMs: number): Step => ({
  phase,
  action: 'deliver',
  receiveCount,
  untilMs,
});
const ack = (phase: 'before' | 'after', end: RequestEnd = 'answered'): Step => ({
  phase,
  action: 'ack',
  end,
});

const cases: [string, Step[], Partial<RoundCounts>][] = [
  [
    'an answered send acknowledged before the kill is fine',
    [send(), deliver('before', 1, -5000), ack('before')],
    { lost: 0, acksAnswered: 1 },
  ],
  [
    'an answered send drained after the restart is fine',
    [send(), deliver('after', 1, 9000), ack('after')],
    { lost: 0, sendsAnswered: 1 },
  ],
  ['an answered send never seen again is lost', [send()], { lost: 1, lostAnsweredAfterKill: 0 }],
  [
    'a send answered only after the kill and never seen is lost apart',
    [send('answered', 40)],
    { lost: 0, lostAnsweredAfterKill: 1 },
  ],
  [
    'a delivered message that never comes back unacknowledged is lost',
    [send('no-answer'), deliver('before', 1, -500)],
    { lost: 1, unansweredFound: 1 },
  ],
  [
    'an acknowledged message delivered after the restart is resurrected',
    [send(), deliver('before', 1, -5000), ack('before'), deliver('after', 2, 9000)],
    { resurrected: 1 },
  ],
  [
    'a delivery in flight at the kill that comes back after its timeout is counted as back',
    [send(), deliver('before', 1, 3000), deliver('after', 2, 5000), ack('after')],
    { inFlightAtKill: 1, inFlightCameBack: 1, early: 0, lost: 0 },
  ],
  [
    'a delivery in flight at the kill that comes back before its timeout is early',
    [send(), deliver('before', 1, 3000), deliver('after', 2, 4000), ack('after')],
    { early: 1 },
  ],
  [
    'a redelivery with no higher receive count is early',
    [send(), deliver('before', 1, -8000), deliver('after', 1, 9000), ack('after')],
    { early: 1 },
  ],
  [
    'an unanswered acknowledgement whose message stays away took effect',
    [send(), deliver('before', 1, 3000), ack('before', 'no-answer')],
    {
      lost: 0,
      acksUnconfirmed: 1,
      acksUnconfirmedApplied: 1,
      inFlightAtKill: 1,
      inFlightCameBack: 0,
    },
  ],
  [
    'an unanswered send that never turns up is neither found nor lost',
    [send('no-answer')],
    { sendsUnanswered: 1, unansweredFound: 0, lost: 0 },
  ],
  [
    'a send answered with an error that turns up is counted as found',
    [send('error'), deliver('after', 1, 9000), ack('after')],
    { sendsFailed: 1, failedFound: 1 },
  ],
];

describe('crash verdict', () => {
  it.each(cases)('%s', (_name, steps, expected) => {
    expect(verifyRound(ledgerOf(steps), new Set()).counts).toMatchObject(expected);
  });

  it('counts a message acknowledged in an earlier round and delivered again as resurrected', () => {
    const ledger = new CrashLedger();
    ledger.killAtMs = KILL_AT;
    ledger.phase = 'after';
    ledger.delivered('q', delivery('OLD', 'k1-s3', 2, 9000), 2);
    const verdict = verifyRound(ledger, new Set(['OLD']));
    expect(verdict.counts).toMatchObject({ resurrected: 1, strays: 0 });
    expect(verdict.violations).toEqual(['resurrected from an earlier round: k1-s3 (OLD)']);
  });

  it('counts FIFO deliveries out of sequence order after the restart', () => {
    const ledger = new CrashLedger();
    ledger.killAtMs = KILL_AT;
    ledger.phase = 'after';
    for (const [body, sequenceNumber] of [
      ['f1', '00000000000000000002'],
      ['f2', '00000000000000000001'],
    ] as const) {
      ledger.sendStarted('q.fifo', body, true);
      ledger.sendEnded(body, 'answered', body);
      ledger.delivered(
        'q.fifo',
        {
          ...delivery(body, body, 1, 9000),
          message: { id: body, body, groupId: 'g', sequenceNumber },
        },
        2,
      );
    }
    expect(verifyRound(ledger, new Set()).counts.fifoOrder).toBe(1);
  });
});
