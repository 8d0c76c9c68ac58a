// The explorer served by the real engine, in Debian's chromium (playwright-core, no download):
// a user types queries and reads results, with an API key and with a local user-pool token.
import { chromium, type Browser, type Page } from 'playwright-core';
import { openLocalIssuer } from './auth/local-issuer';
import { dataDirLayout } from './data-dir';
import { useLocalApi } from './testing/local-api';

const local = useLocalApi({ explorer: true });
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  page = await browser.newPage();
  await page.goto(local.api.explorerUrl);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function typeAndRun(query: string): Promise<void> {
  const editor = page.getByRole('region', { name: 'Query Editor' }).locator('.CodeMirror');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(query);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Enter');
}

const resultPane = () => page.getByRole('region', { name: 'Result Window' });

describe('the explorer on the local engine', () => {
  it('runs a query with the configured API key and shows the result', async () => {
    await expect(page.getByLabel('API key', { exact: true }).inputValue()).resolves.toBe(
      local.api.apiKey,
    );
    await typeAndRun('{ echo(message: "typed in the explorer") whoami { authType } }');
    await resultPane().getByText('"typed in the explorer"').waitFor();
    await resultPane().getByText('"API Key Authorization"').waitFor();
  });

  it('runs a mutation, then reads what it wrote', async () => {
    await typeAndRun(
      'mutation { putItem(pk: "explorer", sk: "1", kind: "from the browser") { kind } }',
    );
    await resultPane().getByText('"from the browser"').waitFor();
    await typeAndRun('{ getItem(pk: "explorer", sk: "1") { pk kind } }');
    await resultPane().getByText('"explorer"').waitFor();
  });

  it('runs a query as a user of the local pool with a pasted token', async () => {
    const issuer = await openLocalIssuer(dataDirLayout(local.api.dataDir).issuer);
    await page.getByLabel('Auth mode').selectOption('AMAZON_COGNITO_USER_POOLS');
    await page
      .getByLabel('User-pool token')
      .fill(issuer.mint({ username: 'browser-user', groups: ['admins'] }));
    await typeAndRun('{ adminOnly whoami { authType } }');
    await resultPane().getByText('"for admins"').waitFor();
    await resultPane().getByText('"User Pool Authorization"').waitFor();
  });
});
