import type { Locator, Page } from 'playwright-core';

/** Replaces the query editor's text by typing, as a user would, and runs it with Ctrl-Enter. */
export async function typeAndRun(page: Page, query: string): Promise<void> {
  const editor = page.getByRole('region', { name: 'Query Editor' }).locator('.CodeMirror');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(query);
  await page.keyboard.press('Escape'); // close the autocompletion popup, if open
  await page.keyboard.press('Control+Enter');
}

/** GraphiQL's result pane. */
export function resultPane(page: Page): Locator {
  return page.getByRole('region', { name: 'Result Window' });
}
