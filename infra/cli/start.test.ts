import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../build/paths';
import { waitUntilGone } from '../local/dynamodb-local/fixtures/processes';

/** `courier start` as people run it: a real process, its output lines, its signals. */

const BIN = path.join(projectRoot, 'bin', 'courier.mjs');
const START_TIMEOUT_MS = 60_000;

interface Started {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Started {
  const child = spawn(process.execPath, [BIN, 'start', ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const parts = stdout.split('\n');
    stdout = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, lines, stderr: () => stderr, exited };
}

async function waitForLine(started: Started, prefix: string): Promise<string> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const line = started.lines.find((candidate) => candidate.startsWith(prefix));
    if (line) {
      return line;
    }
    if (started.child.exitCode !== null) {
      throw new Error(`courier start exited (${started.child.exitCode}): ${started.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `No line starting with ${prefix} within ${START_TIMEOUT_MS} ms: ${started.stderr()}`,
  );
}

/** DynamoDB Local JVMs below a process (Linux /proc), however deep. */
function jvmsBelow(rootPid: number): number[] {
  const parents = new Map<number, number>();
  const jars = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      // The JVM itself, not the supervisor that names the jar in its own arguments.
      if (/java$/.test(argv[0] ?? '') && argv.some((arg) => arg.endsWith('DynamoDBLocal.jar'))) {
        jars.add(Number(entry));
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return [...jars].filter((pid) => {
    for (let at = parents.get(pid); at !== undefined && at > 1; at = parents.get(at)) {
      if (at === rootPid) return true;
    }
    return false;
  });
}

/** Whether every one of these processes has ended within the time. */
async function gone(pids: readonly number[], timeoutMs = 8000): Promise<boolean> {
  const ended = await Promise.all(pids.map((pid) => waitUntilGone(pid, timeoutMs)));
  return ended.every(Boolean);
}

let dataDir: string;
/** Lists queues with the default API key: the answer's status, its body read to the end. */
async function listQueuesStatus(graphql: string): Promise<number> {
  const answer = await fetch(graphql, {
    method: 'POST',
    headers: { 'x-api-key': 'da2-courierlocaldevelopmentkey0' },
    body: JSON.stringify({ query: '{ queues { items { name } } }' }),
  });
  await answer.text();
  return answer.status;
}

const running: Started[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'courier-cli-'));
});

afterEach(async () => {
  for (const started of running.splice(0)) {
    started.child.kill('SIGKILL');
    await started.exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('courier start', () => {
  it('prints the four contract lines, serves the API and the explorer, and stops cleanly on SIGTERM', async () => {
    const started = startCli(['--port', '0', '--in-memory', '--data-dir', dataDir], {
      API_KEY: 'da2-test-key',
    });
    running.push(started);
    const explorerLine = await waitForLine(started, 'Explorer: ');
    const [graphql, realtime, apiKey, explorer] = started.lines;
    const port = /:(\d+)\/graphql$/.exec(graphql ?? '')?.[1];
    expect(port).toBeDefined();
    expect([graphql, realtime, apiKey, explorer]).toEqual([
      `GraphQL endpoint: http://127.0.0.1:${port}/graphql`,
      `Realtime endpoint: ws://127.0.0.1:${port}/graphql/realtime`,
      'API key: da2-test-key',
      explorerLine,
    ]);
    expect(explorerLine).toBe(`Explorer: http://127.0.0.1:${port}/`);

    const answer = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'da2-test-key' },
      body: JSON.stringify({ query: '{ queues { items { name } } }' }),
    });
    expect(await answer.json()).toEqual({ data: { queues: { items: [] } } });
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const config = (await (await fetch(`http://127.0.0.1:${port}/config.json`)).json()) as Record<
      string,
      unknown
    >;
    expect(config).toMatchObject({
      graphqlUrl: `http://127.0.0.1:${port}/graphql`,
      apiKey: 'da2-test-key',
    });
    // One structured request log line per request.
    expect(started.lines.some((line) => line.includes('"operation":"query"'))).toBe(true);

    const jvms = jvmsBelow(started.child.pid ?? -1);
    expect(jvms).toHaveLength(1);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    expect(await gone(jvms)).toBe(true);
  });

  it('serves HTTPS and WSS with --https and prints how to trust its certificate', async () => {
    const started = startCli(['--port', '0', '--in-memory', '--data-dir', dataDir, '--https']);
    running.push(started);
    await waitForLine(started, 'Explorer: ');
    const graphql = started.lines.find((line) => line.startsWith('GraphQL endpoint: ')) ?? '';
    const realtime = started.lines.find((line) => line.startsWith('Realtime endpoint: ')) ?? '';
    expect(graphql).toMatch(/^GraphQL endpoint: https:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(realtime).toMatch(/^Realtime endpoint: wss:\/\/127\.0\.0\.1:\d+\/graphql\/realtime$/);
    const caFile = path.join(dataDir, 'tls', 'ca.pem');
    expect(started.lines.some((line) => line.includes(`NODE_EXTRA_CA_CERTS=${caFile}`))).toBe(true);
    const body = await new Promise<string>((resolve, reject) => {
      const request = https.request(
        graphql.slice('GraphQL endpoint: '.length),
        {
          method: 'POST',
          ca: readFileSync(caFile),
          headers: {
            'content-type': 'application/json',
            'x-api-key': 'da2-courierlocaldevelopmentkey0',
          },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve(text));
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify({ query: '{ queues { items { name } } }' }));
    });
    expect(JSON.parse(body)).toEqual({ data: { queues: { items: [] } } });
  });

  it('leaves no DynamoDB Local behind when it is killed with SIGKILL (request logs off)', async () => {
    const started = startCli([
      '--port',
      '0',
      '--in-memory',
      '--data-dir',
      dataDir,
      '--no-request-logs',
    ]);
    running.push(started);
    const graphql = (await waitForLine(started, 'GraphQL endpoint: ')).slice(
      'GraphQL endpoint: '.length,
    );
    await waitForLine(started, 'Explorer: ');
    expect(await listQueuesStatus(graphql)).toBe(200);
    expect(started.lines.filter((line) => line.startsWith('{'))).toEqual([]);
    const jvms = jvmsBelow(started.child.pid ?? -1);
    expect(jvms).toHaveLength(1);
    started.child.kill('SIGKILL');
    await started.exited;
    expect(await gone(jvms)).toBe(true);
  });

  it('says in one line that Java is missing, and exits 1', async () => {
    const started = startCli(['--port', '0', '--in-memory', '--data-dir', dataDir], {
      JAVA_HOME: path.join(dataDir, 'no-java-here'),
    });
    running.push(started);
    expect(await started.exited).toBe(1);
    const errors = started
      .stderr()
      .split('\n')
      .filter((line) => line.startsWith('courier start:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Java 17/);
  });

  it('says the port is taken, exits 1 and leaves no JVM running', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const started = startCli(['--port', String(port), '--in-memory', '--data-dir', dataDir]);
      running.push(started);
      const seen = new Set<number>();
      const watch = setInterval(
        () => jvmsBelow(started.child.pid ?? -1).forEach((pid) => seen.add(pid)),
        100,
      );
      const code = await started.exited;
      clearInterval(watch);
      expect(code).toBe(1);
      expect(started.stderr()).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(await gone([...seen])).toBe(true);
    } finally {
      blocker.close();
    }
  });

  it('refuses a second start on the same data directory in one line, leaving the first serving', async () => {
    const first = startCli(['--port', '0', '--data-dir', dataDir, '--no-request-logs']);
    running.push(first);
    const graphql = (await waitForLine(first, 'GraphQL endpoint: ')).slice(
      'GraphQL endpoint: '.length,
    );
    const second = startCli(['--port', '0', '--data-dir', dataDir]);
    running.push(second);
    expect(await second.exited).toBe(1);
    const errors = second
      .stderr()
      .split('\n')
      .filter((line) => line.startsWith('courier start:'));
    expect(errors).toEqual([
      `courier start: data directory ${dataDir} is in use by another courier start (pid ${first.child.pid}); stop it, or pass --data-dir with another directory (or --in-memory).`,
    ]);
    expect(jvmsBelow(second.child.pid ?? -1)).toEqual([]);
    expect(await listQueuesStatus(graphql)).toBe(200);
  });

  it('takes over the lock of a start that died, stopping the DynamoDB Local it left running', async () => {
    // A process that looks like a leftover JVM (its command line names DynamoDBLocal), and a
    // lock naming a dead engine and that process.
    const leftover = spawn(
      process.execPath,
      ['-e', 'setInterval(() => {}, 1000)', 'DynamoDBLocal.jar'],
      {
        stdio: 'ignore',
      },
    );
    try {
      const dead = spawn(process.execPath, ['-e', '']);
      await new Promise((resolve) => dead.once('exit', resolve));
      writeFileSync(
        path.join(dataDir, 'courier.lock'),
        JSON.stringify({
          pid: dead.pid,
          jvmPid: leftover.pid,
          startedAt: new Date().toISOString(),
        }),
      );
      const started = startCli(['--port', '0', '--data-dir', dataDir, '--no-request-logs']);
      running.push(started);
      await waitForLine(started, 'Explorer: ');
      expect(await gone([leftover.pid ?? -1])).toBe(true);
      const lock = JSON.parse(readFileSync(path.join(dataDir, 'courier.lock'), 'utf8')) as {
        pid: number;
      };
      expect(lock.pid).toBe(started.child.pid);
      started.child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
      expect(existsSync(path.join(dataDir, 'courier.lock'))).toBe(false);
    } finally {
      leftover.kill('SIGKILL');
    }
  });

  it('says in one line that the data directory cannot be used, and exits 1 with nothing running', async () => {
    const file = path.join(dataDir, 'a-file');
    writeFileSync(file, 'not a directory');
    const started = startCli(['--port', '0', '--data-dir', path.join(file, 'data')]);
    running.push(started);
    expect(await started.exited).toBe(1);
    const errors = started
      .stderr()
      .split('\n')
      .filter((line) => line.startsWith('courier start:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`cannot use data directory ${path.join(file, 'data')}`);
    expect(jvmsBelow(started.child.pid ?? -1)).toEqual([]);
  });

  it.each([
    [['--port', 'eighty'], '--port "eighty" is not a port'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j with a usage message and exit code 2', async (args, message) => {
    const started = startCli(args);
    running.push(started);
    expect(await started.exited).toBe(2);
    expect(started.stderr()).toContain(message);
    expect(started.stderr()).toContain('Usage: courier start');
  });
});
