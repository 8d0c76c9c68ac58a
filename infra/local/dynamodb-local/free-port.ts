import net from 'node:net';

/** A port that was free a moment ago: listen on 127.0.0.1:0, note the port, close. */
export async function findFreePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') {
    throw new Error(`Expected a TCP address from a listening socket, received ${String(address)}`);
  }
  return address.port;
}

/**
 * Whether nothing listens on `port` on any interface (DynamoDB Local binds all interfaces, so a
 * wildcard bind is the check that predicts its own).
 */
export async function isPortFree(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}
