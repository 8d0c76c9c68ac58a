// Entry point: load config.json (beside the page, so one build serves any endpoint), then render.
import 'graphiql/style.css';
import './explorer.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ExplorerApp } from './App';
import { parseExplorerConfig, resolveEndpoints } from './config';

/** Reads ./config.json and makes its endpoints absolute (they may be relative to it). */
async function loadConfig() {
  const configUrl = new URL('./config.json', document.baseURI);
  const response = await fetch(configUrl, { cache: 'no-store' });
  if (!response.ok) {
    throw new Error(`Could not load ${configUrl.href}: HTTP ${response.status}`);
  }
  return resolveEndpoints(parseExplorerConfig(await response.json()), configUrl.href);
}

function ConfigError({ error }: { readonly error: unknown }) {
  return (
    <main className="courier-config-error" role="alert" data-testid="config-error">
      <h1>The explorer could not start</h1>
      <p>{error instanceof Error ? error.message : String(error)}</p>
    </main>
  );
}

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const root = createRoot(container);
loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <ExplorerApp config={config} />
      </StrictMode>,
    ),
  (error: unknown) => root.render(<ConfigError error={error} />),
);
