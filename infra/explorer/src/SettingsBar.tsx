// The bar above GraphiQL: which endpoint the page talks to and which credentials it sends.
// Every control has a label (its accessible name) and a data-testid for browser tests.
import type { AuthSettings } from './auth';
import type { ExplorerAuthMode } from './config';

const modeLabels: Record<ExplorerAuthMode, string> = {
  API_KEY: 'API key',
  AMAZON_COGNITO_USER_POOLS: 'Cognito user pool',
};

/** Props of {@link SettingsBar}. */
export interface SettingsBarProps {
  readonly graphqlUrl: string;
  readonly modes: readonly ExplorerAuthMode[];
  /** The API key from config.json, offered back when the user has typed another. */
  readonly configuredApiKey: string;
  readonly settings: AuthSettings;
  readonly onChange: (settings: AuthSettings) => void;
}

/** Lets the user pick the auth mode and its credential; the page persists what it reports. */
export function SettingsBar(props: SettingsBarProps) {
  const { settings, onChange } = props;
  return (
    <header className="courier-settings" data-testid="courier-settings">
      <span className="courier-brand">Courier</span>
      <code className="courier-endpoint" data-testid="graphql-endpoint" title="GraphQL endpoint">
        {props.graphqlUrl}
      </code>
      <label className="courier-field">
        <span>Auth mode</span>
        <select
          data-testid="auth-mode"
          value={settings.mode}
          disabled={props.modes.length < 2}
          onChange={(event) => {
            const mode = props.modes.find((m) => m === event.target.value);
            if (mode !== undefined) onChange({ ...settings, mode });
          }}
        >
          {props.modes.map((mode) => (
            <option key={mode} value={mode}>
              {modeLabels[mode]}
            </option>
          ))}
        </select>
      </label>
      {settings.mode === 'API_KEY' ? (
        <>
          <label className="courier-field courier-grow">
            <span>API key</span>
            <input
              data-testid="api-key-input"
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={settings.apiKey}
              placeholder="Sent as x-api-key"
              onChange={(event) => onChange({ ...settings, apiKey: event.target.value })}
            />
          </label>
          {props.configuredApiKey !== '' && settings.apiKey !== props.configuredApiKey ? (
            <button
              type="button"
              data-testid="api-key-reset"
              onClick={() => onChange({ ...settings, apiKey: props.configuredApiKey })}
            >
              Use configured key
            </button>
          ) : null}
        </>
      ) : (
        <>
          <label className="courier-field courier-grow">
            <span>User-pool token</span>
            <textarea
              data-testid="token-input"
              rows={1}
              autoComplete="off"
              spellCheck={false}
              value={settings.token}
              placeholder="Paste a JWT (sent as Authorization)"
              aria-describedby="courier-token-hint"
              onChange={(event) => onChange({ ...settings, token: event.target.value })}
            />
          </label>
          <small id="courier-token-hint" className="courier-hint">
            Locally, get one with <code>npx courier token --user NAME</code>
          </small>
        </>
      )}
    </header>
  );
}
