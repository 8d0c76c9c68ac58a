// Subscriptions in the explorer, served by the real engine, in Debian's chromium (playwright-core,
// no download): a user runs a subscription, sees each mutation's event arrive, stops it, and
// sees why a refused subscription failed.
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
const stopButton = () => page.getByRole('button', { name: 'Stop query (Ctrl-Enter)' });
const runButton = () => page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' });

/** Polls the engine until `condition` holds. */
async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A mutation from another client: Node's fetch with the API key. */
async function putItem(sk: string, kind: string): Promise<void> {
  const answer = await local.graphql(
    `mutation { putItem(pk: "browser", sk: "${sk}", kind: "${kind}") { pk sk kind } }`,
  );
  expect(answer.body).toEqual({ data: { putItem: { pk: 'browser', sk, kind } } });
}

describe('subscriptions in the explorer on the local engine', () => {
  it('streams each event into the result pane until the user stops it', async () => {
    await typeAndRun(page, 'subscription { onItemPut(pk: "browser") { pk sk kind } }');
    await until(() => local.api.engine.subscriptionCount() === 1, 'the subscription to be live');
    await stopButton().waitFor();

    await putItem('1', 'first event');
    await resultPane().getByText('"first event"').waitFor();
    await putItem('2', 'second event');
    await resultPane().getByText('"second event"').waitFor();
    await expect(resultPane().getByText('"2"').count()).resolves.toBe(1);

    await stopButton().click();
    await until(() => local.api.engine.subscriptionCount() === 0, 'the subscription to end');
    await runButton().waitFor();

    // Stopped means no more events: this one never reaches the page.
    await putItem('3', 'after stop');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(resultPane().getByText('"after stop"').count()).resolves.toBe(0);
  });

  it('shows why the engine refused a subscription', async () => {
    await typeAndRun(page, 'subscription { onRefused { pk } }');
    await resultPane().getByText('"Subscriptions to onRefused are refused."').waitFor();
    await resultPane().getByText('"Refused"').waitFor();
    await runButton().waitFor(); // nothing left running
    expect(local.api.engine.subscriptionCount()).toBe(0);
  });

  it('subscribes with a pasted user-pool token', async () => {
    const issuer = await openLocalIssuer(dataDirLayout(local.api.dataDir).issuer);
    await page.getByLabel('Auth mode').selectOption('AMAZON_COGNITO_USER_POOLS');
    await page
      .getByLabel('User-pool token')
      .fill(issuer.mint({ username: 'browser-admin', groups: ['admins'] }));
    await typeAndRun(page, 'subscription { onAdminItemPut { pk kind } }');
    await until(() => local.api.engine.subscriptionCount() === 1, 'the admin subscription');

    await putItem('4', 'seen by admins');
    await resultPane().getByText('"seen by admins"').waitFor();
    await page.keyboard.press('Control+Enter'); // the shortcut stops it too
    await until(() => local.api.engine.subscriptionCount() === 0, 'the admin subscription to end');
  });
});
