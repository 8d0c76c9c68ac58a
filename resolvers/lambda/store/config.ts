/** The store's settings, from the function's environment (the manifest sets them). */
export interface StoreConfig {
  readonly queuesTable: string;
  readonly messagesTable: string;
  /** The API's GraphQL endpoint, for publishing events with the function's IAM role. */
  readonly graphqlUrl: string | undefined;
  /** How often an empty long poll looks again. */
  readonly pollIntervalMs: number;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `Environment variable ${name} is not set; the manifest sets it for this function.`,
    );
  }
  return value;
}

export function storeConfig(): StoreConfig {
  const poll = Number(process.env['POLL_INTERVAL_MS'] ?? '1000');
  return {
    queuesTable: required('QUEUES_TABLE'),
    messagesTable: required('MESSAGES_TABLE'),
    graphqlUrl: process.env['GRAPHQL_URL'] || undefined,
    pollIntervalMs: Number.isFinite(poll) && poll > 0 ? poll : 1000,
  };
}
