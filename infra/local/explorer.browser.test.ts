// The explorer served by the real engine, in Debian's chromium (playwright-core, no download):
// a user types queries and reads results, with an API key and with a local user-pool token.
import type { Browser, Page } from 'playwright-core';
import { resultPane as resultPaneOf, typeAndRun } from '../explorer/testing/explorer-page';
import { launchChromium } from '../testing/chromium';
import { openLocalIssuer } from './auth/local-issuer';
import { dataDirLayout } from './data-dir';
import { useLocalApi } from './testing/local-api';

const local = useLocalApi({ explorer: true });
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(local.api.explorerUrl);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const resultPane = () => resultPaneOf(page);

describe('the explorer on the local engine', () => {
  it('runs a query with the configured API key and shows the result', async () => {
    await expect(page.getByLabel('API key', { exact: true }).inputValue()).resolves.toBe(
      local.api.apiKey,
    );
    await typeAndRun(page, '{ echo(message: "typed in the explorer") whoami { authType } }');
    await resultPane().getByText('"typed in the explorer"').waitFor();
    await resultPane().getByText('"API Key Authorization"').waitFor();
  });

  it('runs a mutation, then reads what it wrote', async () => {
    await typeAndRun(
      page,
      'mutation { putItem(pk: "explorer", sk: "1", kind: "from the browser") { kind } }',
    );
    await resultPane().getByText('"from the browser"').waitFor();
    await typeAndRun(page, '{ getItem(pk: "explorer", sk: "1") { pk kind } }');
    await resultPane().getByText('"explorer"').waitFor();
  });

  it('runs a query as a user of the local pool with a pasted token', async () => {
    const issuer = await openLocalIssuer(dataDirLayout(local.api.dataDir).issuer);
    await page.getByLabel('Auth mode').selectOption('AMAZON_COGNITO_USER_POOLS');
    await page
      .getByLabel('User-pool token')
      .fill(issuer.mint({ username: 'browser-user', groups: ['admins'] }));
    await typeAndRun(page, '{ adminOnly whoami { authType } }');
    await resultPane().getByText('"for admins"').waitFor();
    await resultPane().getByText('"User Pool Authorization"').waitFor();
  });
});
