import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** What the lock file records about the engine holding a data directory. */
interface LockRecord {
  readonly pid: number;
  readonly jvmPid?: number;
  readonly startedAt: string;
}

/** Another engine runs on the data directory: two would share one DynamoDB Local database. */
export class DataDirInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `data directory ${dataDir} is in use by another courier start (pid ${pid}); stop it, or pass --data-dir with another directory (or --in-memory).`,
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  /** Records the JVM, so a later start can clean it up if this process dies without stopping it. */
  recordJvm(pid: number): void;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of a live process, or '' (not Linux, or gone). */
function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

function readRecord(file: string): LockRecord | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockRecord>;
    return typeof parsed.pid === 'number' ? (parsed as LockRecord) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the data directory for this process. A lock whose process is alive refuses the start; a
 * stale one (its process died without cleaning up) is taken over, and a DynamoDB Local it
 * recorded that is still running on this directory's files is stopped first. `onNote` hears of
 * each clean-up.
 */
export function acquireDataDirLock(
  dataDir: string,
  file: string,
  onNote: (line: string) => void = () => undefined,
): DataDirLock {
  let record: LockRecord = { pid: process.pid, startedAt: new Date().toISOString() };
  const write = (flag: 'wx' | 'w'): void =>
    writeFileSync(file, `${JSON.stringify(record)}\n`, { flag, mode: 0o600 });
  for (let attempt = 0; ; attempt += 1) {
    try {
      write('wx');
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
        throw error;
      }
    }
    const held = readRecord(file);
    if (held && held.pid !== process.pid && isAlive(held.pid)) {
      throw new DataDirInUseError(dataDir, held.pid);
    }
    if (held?.jvmPid !== undefined && commandLine(held.jvmPid).includes('DynamoDBLocal')) {
      process.kill(held.jvmPid, 'SIGKILL');
      onNote(`Stopped DynamoDB Local (pid ${held.jvmPid}) left running by a crashed start.`);
    }
    onNote(
      `Took over ${file} from a start that ended without releasing it (pid ${held?.pid ?? '?'}).`,
    );
    rmSync(file, { force: true });
  }
  let released = false;
  return {
    recordJvm(pid) {
      record = { ...record, jvmPid: pid };
      write('w');
    },
    release() {
      if (!released) {
        released = true;
        rmSync(file, { force: true });
      }
    },
  };
}
