/**
 * The life of a benchmark's child server (started by child-server.ts): it starts, prints its one
 * JSON line, and serves until SIGTERM or SIGINT, when it stops what it started and exits.
 */

/** Runs a server's `main`; a failure to start is printed and exits 1. */
export function runServer(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/**
 * On SIGTERM or SIGINT, runs `stop`, then exits 0 (1 when stopping failed). Returns the same
 * ending, for a server that has other reasons to stop.
 */
export function stopOnSignal(stop: () => Promise<unknown>): () => void {
  const onSignal = (): void => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return onSignal;
}
