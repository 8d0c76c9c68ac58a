/**
 * The child side of a client process: the test drives a real client library running in its own
 * Node process (as an app would run it) with one JSON command per stdin line, and reads JSON lines
 * back on stdout: one answer per command (`seq`), plus events as they happen (subscription
 * deliveries, WebSocket frames). Ending the process ends every timer the library left behind.
 */
import { createInterface } from 'node:readline';

/** A command's handler; what it returns (or throws) goes back to the test as JSON. */
export type CommandHandler = (args: Readonly<Record<string, unknown>>) => unknown;

/** Writes one event line to the test. */
export function emit(event: Readonly<Record<string, unknown>>): void {
  process.stdout.write(`${JSON.stringify(toJson(event))}\n`);
}

/**
 * Serves commands from stdin until `exit` (or until stdin closes: the test process is gone), then
 * exits. Emits `{ event: 'ready' }` first.
 */
export function serveCommands(handlers: Readonly<Record<string, CommandHandler>>): void {
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    void answer(line);
  });
  lines.on('close', () => process.exit(0));
  emit({ event: 'ready' });

  async function answer(line: string): Promise<void> {
    let seq: unknown = null;
    try {
      const command = JSON.parse(line) as Record<string, unknown>;
      seq = command['seq'];
      const op = String(command['op']);
      if (op === 'exit') {
        process.stdout.write(`${JSON.stringify({ seq, ok: true, result: null })}\n`, () =>
          process.exit(0),
        );
        return;
      }
      const handler = handlers[op];
      if (!handler) {
        throw new Error(
          `Unknown command ${JSON.stringify(op)}; known: ${Object.keys(handlers).join(', ')}`,
        );
      }
      const args = (command['args'] ?? {}) as Record<string, unknown>;
      emit({ seq, ok: true, result: (await handler(args)) ?? null });
    } catch (error) {
      emit({ seq, ok: false, error });
    }
  }
}

/**
 * A JSON-safe copy: Errors become `{ name, message, ...own fields }` (client libraries attach
 * `errors`, `graphQLErrors`, `cause` and the like), cycles and functions are dropped.
 */
export function toJson(value: unknown, seen: Set<object> = new Set()): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  }
  if (seen.has(value)) {
    return '[cycle]';
  }
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return value.map((item) => toJson(item, seen) ?? null);
    }
    const fields: Record<string, unknown> = {};
    if (value instanceof Error) {
      // Not enumerable, yet what a test needs: Apollo 4 wraps what a link reported in `cause`.
      fields['name'] = value.name;
      fields['message'] = value.message;
      if (value.cause !== undefined) {
        fields['cause'] = toJson(value.cause, seen);
      }
    }
    for (const [key, field] of Object.entries(value)) {
      const copy = toJson(field, seen);
      if (copy !== undefined) {
        fields[key] = copy;
      }
    }
    return fields;
  } finally {
    seen.delete(value);
  }
}

interface Subscribable {
  subscribe(observer: {
    next(value: unknown): void;
    error(error: unknown): void;
    complete(): void;
  }): { unsubscribe(): void };
}

/**
 * The client apps' live subscriptions by the test's id: each one's events go to the test as
 * `next`, `error` and `complete` events, and `unsubscribe` ends it.
 */
export function subscriptionsById() {
  const live = new Map<string, { unsubscribe(): void }>();
  return {
    subscribe(id: string, source: Subscribable): void {
      live.set(
        id,
        source.subscribe({
          next: (value: unknown) => emit({ event: 'next', id, value }),
          error: (error: unknown) => emit({ event: 'error', id, error }),
          complete: () => emit({ event: 'complete', id }),
        }),
      );
    },
    unsubscribe(id: string): void {
      live.get(id)?.unsubscribe();
      live.delete(id);
    },
  };
}
