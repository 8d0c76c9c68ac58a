/**
 * Processes as Linux shows them in /proc: the tree below the engine (the DynamoDB Local
 * supervisor, its JVM, esbuild's service), whether a process is still alive (a zombie is not), and
 * resident memory. Every pid handled here is one this tool started or one started below it.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  /** argv joined by spaces. */
  readonly command: string;
}

function readStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '?', ppid: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** Alive: it exists and is not a zombie waiting to be reaped (that one holds no resources). */
export function isAlive(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

/** Every live process below `root`, however deep (children before grandchildren). */
export function processesBelow(root: number): ProcessInfo[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    const stat = readStat(Number(entry));
    if (stat !== undefined && stat.state !== 'Z') {
      children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(entry)]);
    }
  }
  const found: ProcessInfo[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    for (const pid of children.get(parent) ?? []) {
      found.push({ pid, ppid: parent, command: commandOf(pid) });
      queue.push(pid);
    }
  }
  return found;
}

/** The DynamoDB Local JVM among processes: java running the jar (not the supervisor naming it). */
export function findJvm(processes: readonly ProcessInfo[]): ProcessInfo | undefined {
  return processes.find(
    (info) => /(^|\/)java /.test(info.command) && info.command.includes('DynamoDBLocal.jar'),
  );
}

/** Waits until none of the pids is alive; the ones still alive after `timeoutMs`. */
export async function waitUntilGone(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0 || Date.now() >= deadline) {
      return alive;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** SIGKILL, ignoring a process that has already gone. */
export function killHard(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Resident memory in MiB (VmRSS), or undefined once the process has gone. */
export function residentMib(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) / 1024;
  } catch {
    return undefined;
  }
}

/** The process's thread count (Threads in /proc/<pid>/status), or undefined once it has gone. */
export function threadCount(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const threads = /^Threads:\s+(\d+)/m.exec(status)?.[1];
    return threads === undefined ? undefined : Number(threads);
  } catch {
    return undefined;
  }
}
