import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium (a test tool's own browser download cannot run here), with the flags that
 * keep it quiet and working in a container. Shared by the e2e tests and the ring benchmark.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.KOE_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}
