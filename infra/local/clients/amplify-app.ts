/**
 * A Node app using Amplify JS v6 (aws-amplify) as documented, run as a client process by
 * amplify.client.test.ts. Unmodified library; Node 20 needs a global WebSocket (`ws`), and the
 * engine's local CA is trusted through NODE_EXTRA_CA_CERTS, as `courier start --https` tells users.
 * User-pool tokens come from a custom token provider, Amplify's hook for tokens it did not mint.
 */
import { Amplify } from 'aws-amplify';
import { generateClient } from 'aws-amplify/api';
import { decodeJWT } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import { emit, serveCommands, subscriptionsById } from './child-protocol';
import { installGlobalWebSocket } from './global-websocket';

installGlobalWebSocket(emit);

type AuthMode = 'apiKey' | 'userPool';

let token: string | null = null;
const subscriptions = subscriptionsById();

Hub.listen('api', ({ payload }) => {
  const data = payload.data as { connectionState?: unknown } | undefined;
  if (payload.event === 'ConnectionStateChange' && data) {
    emit({ event: 'hub', state: data.connectionState });
  }
});

function clientFor(args: Readonly<Record<string, unknown>>) {
  const authMode = args['authMode'] as AuthMode | undefined;
  const apiKey = args['apiKey'] as string | undefined;
  return generateClient({
    ...(authMode ? { authMode } : {}),
    ...(apiKey ? { apiKey } : {}),
  });
}

function request(args: Readonly<Record<string, unknown>>) {
  return {
    query: String(args['query']),
    variables: (args['variables'] ?? {}) as Record<string, unknown>,
  };
}

serveCommands({
  configure(args) {
    Amplify.configure(
      {
        API: {
          GraphQL: {
            endpoint: String(args['endpoint']),
            region: 'us-east-1',
            defaultAuthMode: 'apiKey',
            apiKey: String(args['apiKey']),
          },
        },
      },
      {
        Auth: {
          tokenProvider: {
            getTokens: async () => (token === null ? null : { accessToken: decodeJWT(token) }),
          },
        },
      },
    );
  },
  signIn(args) {
    token = String(args['accessToken']);
  },
  subscribe(args) {
    const id = String(args['id']);
    const operation = clientFor(args).graphql(request(args));
    if (!('subscribe' in operation)) {
      throw new Error(
        `Expected a subscription, received another operation: ${String(args['query'])}`,
      );
    }
    subscriptions.subscribe(id, operation);
  },
  unsubscribe(args) {
    subscriptions.unsubscribe(String(args['id']));
  },
  async graphql(args) {
    try {
      return { resolved: await clientFor(args).graphql(request(args)) };
    } catch (error) {
      // Amplify rejects with the GraphQL result (or an Error); the test asserts its shape.
      return { rejected: error };
    }
  },
});
