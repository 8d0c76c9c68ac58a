// The DynamoDB Local supervisor: a tiny Node process between the engine and the JVM, so the JVM
// can never outlive the engine. The engine starts it with an IPC channel; the channel closes when
// the engine exits for any reason (normal exit, a signal, `kill -9`, a crash), and then this
// process stops the JVM (SIGTERM, SIGKILL after a grace period) and exits. It also stops the JVM
// when the engine asks ({ type: 'stop' }) or when it is signalled itself. The JVM's stdout and
// stderr are this process's own, which are pipes the engine reads.
//
// argv[2]: JSON { command, args, cwd, graceMs }.
// Messages to the engine: { type: 'spawned', pid }, { type: 'spawn-error', code, message },
// { type: 'exited', code, signal }; this process exits right after the JVM has.
import { spawn } from 'node:child_process';

const spec = JSON.parse(process.argv[2] ?? '{}');

function tell(message, then) {
  if (process.connected) {
    process.send(message, () => then?.());
  } else {
    then?.();
  }
}

const jvm = spawn(spec.command, spec.args, {
  cwd: spec.cwd,
  stdio: ['ignore', 'inherit', 'inherit'],
});
let stopping = false;

function stopJvm() {
  if (stopping || jvm.exitCode !== null || jvm.signalCode !== null) {
    return;
  }
  stopping = true;
  jvm.kill('SIGTERM');
  setTimeout(() => jvm.kill('SIGKILL'), spec.graceMs ?? 3000).unref();
}

jvm.on('spawn', () => tell({ type: 'spawned', pid: jvm.pid }));
jvm.on('error', (error) => {
  // Only a failed spawn reaches here (a failed kill of an exited JVM is harmless).
  if (jvm.pid === undefined) {
    tell({ type: 'spawn-error', code: error.code ?? null, message: error.message }, () =>
      process.exit(1),
    );
  }
});
jvm.on('exit', (code, signal) => {
  tell({ type: 'exited', code, signal }, () => process.exit(0));
  // Exit even when the engine never reads the message.
  setTimeout(() => process.exit(0), 1000).unref();
});

process.on('disconnect', stopJvm);
process.on('message', (message) => {
  if (message !== null && typeof message === 'object' && message.type === 'stop') {
    stopJvm();
  }
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, stopJvm);
}
