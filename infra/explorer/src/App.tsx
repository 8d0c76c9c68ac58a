// The page once config.json is loaded: the settings bar over GraphiQL, wired to the fetcher
// (HTTP for queries and mutations, the realtime endpoint for subscriptions).
import type { GraphiQLProps } from 'graphiql';
import { GraphiQL } from 'graphiql';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AuthSettings } from './auth';
import { authHeaders, loadAuthSettings, saveAuthSettings } from './auth';
import type { ExplorerConfig } from './config';
import { offeredAuthModes } from './config';
import { openBrowserSocket } from './browser-socket';
import { createCourierFetcher } from './fetcher';
import { createRealtimeTransport } from './realtime';
import { SettingsBar } from './SettingsBar';

const defaultQuery = `# Courier explorer
#
# Choose how requests are authorized in the bar above, write an operation here and
# run it with Ctrl-Enter (Cmd-Enter on macOS) or the run button. A subscription shows
# each event as it arrives until you stop it with the same button.
`;

/** Schema reloads wait for typing to pause, so pasting a token costs one introspection. */
const schemaReloadDelayMs = 400;

function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** Props of {@link ExplorerApp}; config's endpoints are already absolute. */
export interface ExplorerAppProps {
  readonly config: ExplorerConfig;
}

/** The explorer: auth settings (persisted per endpoint) and GraphiQL using them. */
export function ExplorerApp({ config }: ExplorerAppProps) {
  const [settings, setSettings] = useState<AuthSettings>(() =>
    loadAuthSettings(config, window.localStorage),
  );
  useEffect(() => saveAuthSettings(config, window.localStorage, settings), [config, settings]);

  // Runs read the credentials at request time; only the schema reload is debounced.
  const current = useRef(settings);
  useEffect(() => {
    current.current = settings;
  }, [settings]);
  const schemaKey = useDebounced(JSON.stringify(authHeaders(settings)), schemaReloadDelayMs);
  // A new fetcher (schemaKey changed) makes GraphiQL introspect again, with the new credentials.
  const fetcher = useMemo(
    () =>
      createCourierFetcher({
        graphqlUrl: config.graphqlUrl,
        authHeaders: () => authHeaders(current.current),
        subscribe: createRealtimeTransport({
          realtimeUrl: config.realtimeUrl,
          graphqlUrl: config.graphqlUrl,
          openSocket: openBrowserSocket,
        }),
        // GraphiQL's Fetcher type wants graphql-ws's ExecutionResult (GraphQLError instances); it
        // only renders the JSON, so the formatted results the fetcher returns fit at runtime.
      }) as unknown as GraphiQLProps['fetcher'],
    // schemaKey is not read inside: it is the reload trigger.
    [config.graphqlUrl, config.realtimeUrl, schemaKey],
  );

  return (
    <>
      <SettingsBar
        graphqlUrl={config.graphqlUrl}
        modes={offeredAuthModes(config)}
        configuredApiKey={config.apiKey ?? ''}
        settings={settings}
        onChange={setSettings}
      />
      <div className="courier-graphiql">
        <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} />
      </div>
    </>
  );
}
