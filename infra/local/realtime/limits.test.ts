import type { RealtimeOptions } from './server';
import { apiKeyHeaders, startTestRealtime, waitFor, type TestRealtime } from './testing/harness';
import { headerProtocol, startMessage, type RawClient } from './testing/raw-client';

const QUERY = 'subscription { onMessage { id body } }';

/** A server with `options` for one test, stopped afterwards. */
function withServer(options: Partial<RealtimeOptions>): () => TestRealtime {
  let test: TestRealtime | undefined;
  beforeAll(async () => {
    test = await startTestRealtime(options);
  });
  afterAll(() => test?.stop());
  return () => {
    if (!test) {
      throw new Error('The test server is not running.');
    }
    return test;
  };
}

async function subscribe(client: RawClient, id: string): Promise<void> {
  client.send(startMessage(id, QUERY, apiKeyHeaders()));
  expect(await client.nextOfType('start_ack')).toEqual({ type: 'start_ack', id });
}

describe('keep-alive', () => {
  const server = withServer({ keepAliveMs: 40 });

  it('sends ka every keepAliveMs once the connection is acknowledged', async () => {
    const client = await server().connected();
    const times: number[] = [];
    while (times.length < 5) {
      expect(await client.next(500)).toEqual({ type: 'ka' });
      times.push(performance.now());
    }
    const gaps = times.slice(1).map((time, index) => time - (times[index] ?? 0));
    for (const gap of gaps) {
      expect(gap).toBeGreaterThan(25);
      // Generous: a loaded machine delays timers.
      expect(gap).toBeLessThan(1000);
    }
  });

  it('sends no ka before connection_init or start', async () => {
    const client = await server().open(['graphql-ws', headerProtocol(apiKeyHeaders())]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(client.frames).toEqual([]);
  });
});

describe('connection_init timeout', () => {
  const server = withServer({ initTimeoutMs: 100 });

  it('closes a connection that sends neither connection_init nor start in time', async () => {
    const client = await server().open(['graphql-ws', headerProtocol(apiKeyHeaders())]);
    const started = performance.now();
    expect(await client.closed).toEqual({ code: 1008, reason: 'No connection_init within 100 ms' });
    expect(performance.now() - started).toBeGreaterThan(80);
    expect(client.frames).toEqual([]);
  });

  it('closes an unauthorized connection that stays silent, without a frame', async () => {
    const client = await server().open(['graphql-ws', headerProtocol(apiKeyHeaders('da2-wrong'))]);
    expect((await client.closed).code).toBe(1008);
    expect(client.frames).toEqual([]);
  });

  it('leaves an initialised connection open', async () => {
    const client = await server().connected();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(client.ws.readyState).toBe(client.ws.OPEN);
  });
});

describe('liveness', () => {
  const server = withServer({ keepAliveMs: 50, connectionTimeoutMs: 600 });

  it('drops a connection that answers neither messages nor pings within connectionTimeoutMs', async () => {
    const test = server();
    const client = await test.open(['graphql-ws', headerProtocol(apiKeyHeaders())], '', {
      autoPong: false,
    });
    client.send({ type: 'connection_init' });
    await subscribe(client, 'silent');
    const before = test.service.unsubscribed;
    expect((await client.closed).code).toBe(1006);
    await waitFor(() => test.service.unsubscribed === before + 1);
    expect(test.logs.at(-1)).toMatch(/silent for more than 600 ms/);
  });

  it('keeps a quiet client whose WebSocket answers pings', async () => {
    const client = await server().connected();
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(client.ws.readyState).toBe(client.ws.OPEN);
  });
});

describe('connection lifetime', () => {
  const server = withServer({ maxConnectionLifetimeMs: 150 });

  it('closes a connection once its lifetime is over', async () => {
    const test = server();
    const client = await test.connected();
    await subscribe(client, 'long');
    const before = test.service.active.size;
    expect(await client.closed).toEqual({ code: 1000, reason: 'Connection lifetime reached' });
    expect(test.service.active.size).toBe(before - 1);
  });
});

describe('a slow consumer', () => {
  const server = withServer({ maxBufferedBytes: 1024 * 1024, closeGraceMs: 200 });

  it('is closed once its unsent data passes maxBufferedBytes, and its subscriptions end', async () => {
    const test = server();
    const client = await test.connected();
    await subscribe(client, 'flood');
    client.ws.pause();
    const body = 'x'.repeat(100 * 1024);
    let sent = 0;
    // Enough to fill the kernel's buffers on both sides and then the server's own.
    while (test.realtime.connections() > 0 && sent < 2000) {
      test.service.publish('onMessage', { data: { onMessage: { id: String(sent), body } } });
      sent += 1;
      if (sent % 20 === 0) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await waitFor(() => test.realtime.connections() === 0, 3000, 'the server to drop the client');
    expect(test.service.active.size).toBe(0);
    expect(test.logs.some((line) => /bytes unsent; the limit is 1048576 bytes/.test(line))).toBe(
      true,
    );
    client.ws.resume();
    // 1013 when the close frame got through before the grace period cut the socket.
    expect([1013, 1006]).toContain((await client.closed).code);
  });
});

describe('message and event sizes', () => {
  const server = withServer({ maxMessageBytes: 2048, maxEventBytes: 1024 });

  it('closes a connection that sends a message over maxMessageBytes (1009)', async () => {
    const client = await server().connected();
    client.send({ type: 'connection_init', payload: { padding: 'x'.repeat(4096) } });
    expect((await client.closed).code).toBe(1009);
  });

  it('drops an event over maxEventBytes, as AppSync drops oversized messages', async () => {
    const test = server();
    const client = await test.connected();
    await subscribe(client, 'big');
    test.service.publish('onMessage', {
      data: { onMessage: { id: 'big', body: 'x'.repeat(2000) } },
    });
    test.service.publish('onMessage', { data: { onMessage: { id: 'small', body: 'x' } } });
    expect(await client.next()).toEqual({
      type: 'data',
      id: 'big',
      payload: { data: { onMessage: { id: 'small', body: 'x' } } },
    });
    expect(test.logs.at(-1)).toMatch(
      /dropped an event of \d+ bytes for big; the limit is 1024 bytes/,
    );
  });
});

describe('connection limit', () => {
  const server = withServer({ maxConnections: 2 });

  it('answers upgrades past maxConnections with 503', async () => {
    const test = server();
    await test.connected();
    await test.connected();
    const refused = await test.open(['graphql-ws', headerProtocol(apiKeyHeaders())]).then(
      () => ({ status: 101, body: '' }),
      (reason: unknown) => reason as { status: number; body: string },
    );
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toMatchInlineSnapshot(`
{
  "errors": [
    {
      "errorType": "ServiceUnavailableException",
      "message": "Too many realtime connections: the limit is 2.",
    },
  ],
}
`);
  });
});

describe('scale', () => {
  const server = withServer({});

  it('carries 1,200 subscriptions over 20 connections, delivers to each, and releases them all', async () => {
    const test = server();
    const clients = await Promise.all(Array.from({ length: 20 }, () => test.connected()));
    await Promise.all(
      clients.map(async (client, c) => {
        for (let s = 0; s < 60; s += 1) {
          client.send(startMessage(`c${c}-s${s}`, QUERY, apiKeyHeaders()));
        }
        for (let s = 0; s < 60; s += 1) {
          expect((await client.next(10_000))['type']).toBe('start_ack');
        }
      }),
    );
    expect(test.realtime.connections()).toBe(20);
    expect(test.realtime.subscriptions()).toBe(1200);
    expect(test.service.active.size).toBe(1200);

    expect(
      test.service.publish('onMessage', { data: { onMessage: { id: '1', body: 'all' } } }),
    ).toBe(1200);
    await Promise.all(
      clients.map(async (client) => {
        const ids = new Set<unknown>();
        for (let s = 0; s < 60; s += 1) {
          const frame = await client.next(10_000);
          expect(frame['type']).toBe('data');
          ids.add(frame['id']);
        }
        expect(ids.size).toBe(60);
      }),
    );

    for (const client of clients) {
      client.ws.close();
    }
    await waitFor(() => test.realtime.connections() === 0, 5000, 'every connection to close');
    expect(test.service.active.size).toBe(0);
    expect(test.realtime.subscriptions()).toBe(0);
  });
});

describe('close()', () => {
  const server = withServer({});

  it('closes every connection with 1001, ends their subscriptions and refuses new upgrades', async () => {
    const test = server();
    const client = await test.connected();
    await subscribe(client, 'bye');
    await test.realtime.close();
    expect(await client.closed).toEqual({ code: 1001, reason: 'Server shutting down' });
    expect(test.service.active.size).toBe(0);
    expect(test.realtime.connections()).toBe(0);
    await expect(test.open(['graphql-ws', headerProtocol(apiKeyHeaders())])).rejects.toThrow();
  });
});
