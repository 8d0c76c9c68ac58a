/** Resident memory of the engine and its JVM, sampled at a fixed interval from /proc. */
import { residentMib, threadCount } from './processes';

export interface RssSample {
  /** Seconds since sampling started. */
  readonly atSeconds: number;
  readonly engineMib: number | undefined;
  readonly jvmMib: number | undefined;
  /** The engine's threads: its Lambda worker threads among them (a pool that grows on demand). */
  readonly engineThreads: number | undefined;
}

export interface RssSampler {
  readonly samples: readonly RssSample[];
  /** Takes a last sample and stops. */
  stop(): RssSample;
}

export function startRssSampler(
  pids: () => { readonly engine: number; readonly jvm: number | undefined },
  intervalMs: number,
  onSample: (sample: RssSample) => void,
): RssSampler {
  const started = Date.now();
  const samples: RssSample[] = [];
  const take = (): RssSample => {
    const { engine, jvm } = pids();
    const sample: RssSample = {
      atSeconds: Math.round((Date.now() - started) / 100) / 10,
      engineMib: residentMib(engine),
      jvmMib: jvm === undefined ? undefined : residentMib(jvm),
      engineThreads: threadCount(engine),
    };
    samples.push(sample);
    return sample;
  };
  onSample(take());
  const timer = setInterval(() => onSample(take()), intervalMs);
  return {
    samples,
    stop: () => {
      clearInterval(timer);
      return take();
    },
  };
}
