// The explorer's configuration contract: what `config.json` beside the page holds. Pure (no DOM), so
// the engine and the deploy step can import the type and the validator too.

/** The auth modes the explorer can send, named as AppSync names them. */
export const explorerAuthModes = ['API_KEY', 'AMAZON_COGNITO_USER_POOLS'] as const;

/** One auth mode the explorer can send. */
export type ExplorerAuthMode = (typeof explorerAuthModes)[number];

/**
 * The contents of `config.json`, served next to the page (by the engine locally, from S3 when
 * hosted), so one build of the page works against any endpoint.
 */
export interface ExplorerConfig {
  /** GraphQL HTTP endpoint; may be relative to config.json's own URL. */
  readonly graphqlUrl: string;
  /** Realtime (WebSocket) endpoint for subscriptions; may be relative to config.json's URL. */
  readonly realtimeUrl: string;
  /** API key that prefills the settings bar. */
  readonly apiKey?: string;
  /** Modes offered in the settings bar, in order; all known modes when absent. */
  readonly authModes?: readonly string[];
}

/** config.json is missing a field or has one of the wrong type. */
export class ExplorerConfigError extends Error {
  readonly code = 'ExplorerConfigError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ExplorerConfigError';
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `a ${typeof value}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requiredUrl(raw: Record<string, unknown>, field: string): string {
  const value = raw[field];
  if (typeof value !== 'string' || value === '') {
    throw new ExplorerConfigError(
      `config.json: "${field}" must be a non-empty string, received ${describe(value)}`,
    );
  }
  return value;
}

/** Checks parsed config.json so a broken deployment says what is wrong instead of a blank page. */
export function parseExplorerConfig(raw: unknown): ExplorerConfig {
  if (!isRecord(raw)) {
    throw new ExplorerConfigError(`config.json must hold an object, received ${describe(raw)}`);
  }
  const graphqlUrl = requiredUrl(raw, 'graphqlUrl');
  const realtimeUrl = requiredUrl(raw, 'realtimeUrl');
  const { apiKey, authModes } = raw;
  if (apiKey !== undefined && typeof apiKey !== 'string') {
    throw new ExplorerConfigError(
      `config.json: "apiKey" must be a string when present, received ${describe(apiKey)}`,
    );
  }
  if (
    authModes !== undefined &&
    !(Array.isArray(authModes) && authModes.every((mode) => typeof mode === 'string'))
  ) {
    throw new ExplorerConfigError(
      `config.json: "authModes" must be an array of strings when present, received ${describe(authModes)}`,
    );
  }
  return {
    graphqlUrl,
    realtimeUrl,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(authModes === undefined ? {} : { authModes: authModes as string[] }),
  };
}

function isKnownMode(mode: string): mode is ExplorerAuthMode {
  return (explorerAuthModes as readonly string[]).includes(mode);
}

/**
 * The modes the settings bar offers: the configured known ones, in order. Unknown names are
 * ignored (a newer deployment may list modes this page cannot send); if none is left, all are offered.
 */
export function offeredAuthModes(config: ExplorerConfig): readonly ExplorerAuthMode[] {
  const known = (config.authModes ?? []).filter(isKnownMode);
  return known.length > 0 ? [...new Set(known)] : explorerAuthModes;
}

/**
 * The endpoints made absolute against config.json's own URL, so one config works at any origin;
 * a relative realtime URL gets the page's scheme as ws:/wss:.
 */
export function resolveEndpoints(config: ExplorerConfig, configUrl: string): ExplorerConfig {
  const realtime = new URL(config.realtimeUrl, configUrl);
  if (realtime.protocol === 'http:' || realtime.protocol === 'https:') {
    realtime.protocol = realtime.protocol === 'https:' ? 'wss:' : 'ws:';
  }
  return {
    ...config,
    graphqlUrl: new URL(config.graphqlUrl, configUrl).href,
    realtimeUrl: realtime.href,
  };
}
