import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's chromium, headless, for browser tests: playwright-core drives it and never downloads a
 * browser. Without the background-networking flag Chromium keeps dialling out of a closed network.
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      ...extraArgs,
    ],
  });
}
