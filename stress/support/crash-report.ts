/** The crash run as a table: one row per kill point, then the totals. */
import type { CrashRunResult } from './crash-run';

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => cell.padStart(widths[i] ?? 0)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function quantiles(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `min ${sorted[0] ?? 0} / median ${at(0.5)} / max ${sorted.at(-1) ?? 0} ms`;
}

export function crashReport(result: CrashRunResult): string {
  const header = [
    '#',
    'mode',
    'kill at ms',
    'sends ok',
    'acks ok',
    'unanswered sends found/not',
    'failed sends found/not',
    'unconfirmed acks applied/not',
    'in flight -> back (past restart)',
    'lost',
    'lost, answered after kill',
    'resurrected',
    'early',
    'gone ms',
    'restart ms',
  ];
  const row = (
    label: string,
    mode: string,
    killAt: string,
    c: CrashRunResult['totals'],
    gone: string,
    restart: string,
  ) => [
    label,
    mode,
    killAt,
    String(c.sendsAnswered),
    String(c.acksAnswered),
    `${c.unansweredFound}/${c.sendsUnanswered - c.unansweredFound}`,
    `${c.failedFound}/${c.sendsFailed - c.failedFound}`,
    `${c.acksUnconfirmedApplied}/${c.acksUnconfirmed - c.acksUnconfirmedApplied}`,
    `${c.inFlightAtKill} -> ${c.inFlightCameBack} (${c.inFlightPastRestart})`,
    String(c.lost),
    String(c.lostAnsweredAfterKill),
    String(c.resurrected),
    String(c.early),
    gone,
    restart,
  ];
  const rows = result.rounds.map((r) =>
    row(
      String(r.index),
      r.mode,
      String(r.killAfterMs),
      r.counts,
      String(r.goneMs),
      String(r.restartMs),
    ),
  );
  rows.push(row('all', `${result.rounds.length} kills`, '', result.totals, '', ''));
  const t = result.totals;
  const modes = ['engine', 'jvm', 'both'].map(
    (mode) => `${mode} ${result.rounds.filter((r) => r.mode === mode).length}`,
  );
  const undrained = result.rounds.filter((r) => !r.drain.drained).length;
  const leftovers = result.rounds.reduce((sum, r) => sum + r.leftovers.length, 0);
  const jvmStops = [
    ...new Set(result.rounds.filter((r) => r.mode === 'jvm').map((r) => r.engineStop)),
  ];
  return [
    table(header, rows),
    '',
    `seed ${result.seed}; kill points ${result.rounds.length} (${modes.join(', ')}); one data directory across all rounds`,
    `deliveries: ${t.deliveriesBefore} before kills, ${t.deliveriesAfter} after restarts; FIFO order breaks after restart: ${t.fifoOrder}; stray deliveries: ${t.strays}`,
    `lost ${t.lost} (answered before the kill), lost ${t.lostAnsweredAfterKill} (answered by the engine after the JVM was killed), resurrected ${t.resurrected}, delivered while in flight ${t.early}; rounds not drained to empty: ${undrained}`,
    `processes left after a kill (killed by this tool): ${leftovers}; engine after a JVM kill -9: ${jvmStops.join('; ') || 'n/a'}`,
    `first start ${result.firstStartMs} ms; restarts ${quantiles(result.rounds.map((r) => r.restartMs))}; all gone after kill ${quantiles(result.rounds.map((r) => r.goneMs))}`,
    `final stop: ${result.finalStop}`,
  ].join('\n');
}
