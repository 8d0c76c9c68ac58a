// The explorer in a real browser: Debian's chromium driven by playwright-core (no browser
// download), against a stand-in server that echoes the credentials each request carried.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { resultPane as resultPaneOf, typeAndRun } from './testing/explorer-page';
import { launchChromium } from '../testing/chromium';
import { buildExplorer } from './build';
import { startStaticAndGraphql, type StaticAndGraphqlServer } from './testing/static-and-graphql';

const apiKey = 'da2-localexplorertestkey';
const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';

let outDir: string;
let server: StaticAndGraphqlServer;
let browser: Browser;
let page: Page;
/** Every URL the page requested, to prove nothing is loaded from another host. */
const requested: string[] = [];

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'courier-explorer-browser-'));
  await buildExplorer(outDir);
  server = await startStaticAndGraphql({ assetsDir: outDir, apiKey });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(server.pageUrl);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
});

const resultPane = () => resultPaneOf(page);

/** The last POST /graphql that ran the whoami query (introspection requests also arrive). */
function lastWhoamiRequest() {
  return [...server.graphqlRequests]
    .reverse()
    .find((request) => JSON.stringify(request.body).includes('whoami'));
}

describe('the explorer page', () => {
  it('shows the endpoint and starts in API key mode with the configured key', async () => {
    await expect(page.getByTestId('graphql-endpoint').textContent()).resolves.toBe(
      `${server.origin}/graphql`,
    );
    await expect(page.getByLabel('Auth mode').inputValue()).resolves.toBe('API_KEY');
    await expect(page.getByLabel('API key', { exact: true }).inputValue()).resolves.toBe(apiKey);
  });

  it('runs a typed query with the API key and shows the result', async () => {
    await typeAndRun(page, '{ whoami }');
    await resultPane().getByText(`"api-key:${apiKey}"`).waitFor();
    const request = lastWhoamiRequest();
    expect(request?.headers['x-api-key']).toBe(apiKey);
    expect(request?.headers['authorization']).toBeUndefined();
  });

  it('sends a pasted user-pool token as a raw Authorization header', async () => {
    await page.getByLabel('Auth mode').selectOption('AMAZON_COGNITO_USER_POOLS');
    await expect(page.getByText('npx courier token --user NAME').isVisible()).resolves.toBe(true);
    await page.getByLabel('User-pool token').fill(token);
    await typeAndRun(page, 'query Me { whoami }');
    await resultPane().getByText(`"token:${token}"`).waitFor();
    const request = lastWhoamiRequest();
    expect(request?.headers['authorization']).toBe(token);
    expect(request?.headers['x-api-key']).toBeUndefined();
  });

  it('keeps the chosen mode and token across a reload', async () => {
    await page.reload();
    await expect(page.getByLabel('Auth mode').inputValue()).resolves.toBe(
      'AMAZON_COGNITO_USER_POOLS',
    );
    await expect(page.getByLabel('User-pool token').inputValue()).resolves.toBe(token);
  });

  it('loaded everything from its own origin', () => {
    const foreign = requested.filter(
      (url) => !url.startsWith(`${server.origin}/`) && !url.startsWith('data:'),
    );
    expect(foreign).toEqual([]);
    expect(requested).toContain(`${server.origin}/config.json`);
  });
});
