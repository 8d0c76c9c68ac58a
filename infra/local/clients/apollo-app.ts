/**
 * A Node app using Apollo Client 4 with AWS's AppSync links (aws-appsync-auth-link,
 * aws-appsync-subscription-link), wired as their documentation shows, run as a client process by
 * apollo.client.test.ts. Unmodified libraries; Node 20 needs a global WebSocket (`ws`). The link
 * maps http:// to ws://, so this client talks to the engine over plain HTTP.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { createAuthLink, type AuthOptions } from 'aws-appsync-auth-link';
import { createSubscriptionHandshakeLink } from 'aws-appsync-subscription-link';
import { emit, serveCommands, subscriptionsById } from './child-protocol';
import { installGlobalWebSocket } from './global-websocket';

installGlobalWebSocket(emit);

const REGION = 'us-east-1';
const clients = new Map<string, ApolloClient>();
const subscriptions = subscriptionsById();

function clientNamed(name: unknown): ApolloClient {
  const client = clients.get(String(name));
  if (!client) {
    throw new Error(`No client named ${JSON.stringify(name)}; create it first`);
  }
  return client;
}

function authOptions(args: Readonly<Record<string, unknown>>): AuthOptions {
  if (args['apiKey'] !== undefined) {
    return { type: 'API_KEY', apiKey: String(args['apiKey']) };
  }
  return { type: 'AMAZON_COGNITO_USER_POOLS', jwtToken: String(args['jwtToken']) };
}

serveCommands({
  createClient(args) {
    const url = String(args['url']);
    const auth = authOptions(args);
    const link = ApolloLink.from([
      createAuthLink({ url, region: REGION, auth }),
      createSubscriptionHandshakeLink({ url, region: REGION, auth }, new HttpLink({ uri: url })),
    ]);
    clients.set(String(args['name']), new ApolloClient({ link, cache: new InMemoryCache() }));
  },
  subscribe(args) {
    const id = String(args['id']);
    const observable = clientNamed(args['client']).subscribe({
      query: gql(String(args['query'])),
      variables: (args['variables'] ?? {}) as Record<string, unknown>,
    });
    subscriptions.subscribe(id, observable);
  },
  unsubscribe(args) {
    subscriptions.unsubscribe(String(args['id']));
  },
  async mutate(args) {
    try {
      return {
        resolved: await clientNamed(args['client']).mutate({
          mutation: gql(String(args['query'])),
          variables: (args['variables'] ?? {}) as Record<string, unknown>,
        }),
      };
    } catch (error) {
      return { rejected: error };
    }
  },
  stopClient(args) {
    clientNamed(args['client']).stop();
    clients.delete(String(args['client']));
  },
});
