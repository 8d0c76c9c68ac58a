// Which credentials the explorer sends, how they become request headers, and how the choice
// survives a reload (localStorage, one entry per endpoint so two APIs never share a key).
import type { ExplorerAuthMode, ExplorerConfig } from './config';
import { offeredAuthModes } from './config';

/** What the user chose in the settings bar. */
export interface AuthSettings {
  readonly mode: ExplorerAuthMode;
  readonly apiKey: string;
  readonly token: string;
}

/** Headers that carry the chosen credentials, as AppSync clients send them. */
export function authHeaders(settings: AuthSettings): Record<string, string> {
  if (settings.mode === 'API_KEY') {
    const key = settings.apiKey.trim();
    return key === '' ? {} : { 'x-api-key': key };
  }
  // AppSync takes the raw JWT in Authorization, without a "Bearer" prefix (as Amplify sends it).
  const token = settings.token.trim();
  return token === '' ? {} : { Authorization: token };
}

/** The localStorage entry for one endpoint. */
export function storageKey(graphqlUrl: string): string {
  return `courier.explorer.auth:${graphqlUrl}`;
}

/** Storage as the page uses it; the browser's localStorage fits, and tests may pass a map. */
export interface AuthStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * Settings at page load: what was saved for this endpoint, else the configured API key in the
 * first offered mode. A saved API key equal to the configured one is not kept apart, so a new
 * configured key (a redeploy) shows up unless the user typed their own.
 */
export function loadAuthSettings(config: ExplorerConfig, storage: AuthStorage): AuthSettings {
  const modes = offeredAuthModes(config);
  const fallback: AuthSettings = {
    mode: modes[0] ?? 'API_KEY',
    apiKey: config.apiKey ?? '',
    token: '',
  };
  let saved: unknown;
  try {
    saved = JSON.parse(storage.getItem(storageKey(config.graphqlUrl)) ?? 'null');
  } catch {
    return fallback; // a corrupt entry is forgotten, not fatal
  }
  if (typeof saved !== 'object' || saved === null) return fallback;
  const entry = saved as Record<string, unknown>;
  const mode = modes.find((m) => m === entry['mode']) ?? fallback.mode;
  const apiKey = typeof entry['apiKey'] === 'string' ? entry['apiKey'] : fallback.apiKey;
  const token = typeof entry['token'] === 'string' ? entry['token'] : '';
  return { mode, apiKey, token };
}

/** Saves the settings; the API key only when it differs from the configured one. */
export function saveAuthSettings(
  config: ExplorerConfig,
  storage: AuthStorage,
  settings: AuthSettings,
): void {
  const entry = {
    mode: settings.mode,
    token: settings.token,
    ...(settings.apiKey === (config.apiKey ?? '') ? {} : { apiKey: settings.apiKey }),
  };
  try {
    storage.setItem(storageKey(config.graphqlUrl), JSON.stringify(entry));
  } catch {
    // Storage full or disabled (private mode): the settings simply do not persist.
  }
}
