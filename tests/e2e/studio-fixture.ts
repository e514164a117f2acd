import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { IpcChannel, IpcInput, IpcOutput, IpcResult } from '../../src/shared/ipc';
import { SCREENSHOT_DIR } from './harness-fixture';
import { startTwoDesks, type Desk, type TwoDesks } from './two-desks-fixture';

/** What the studio suites (scripts, approved answers) share: a trainer's and an agent's desk. */

/** Calls the desk's `window.koe` bridge from the page, as the renderer does. */
export async function koe<C extends IpcChannel>(
  page: Page,
  channel: C,
  input: IpcInput<C>,
): Promise<IpcResult<IpcOutput<C>>> {
  return (await page.evaluate(
    ([name, value]) =>
      (
        globalThis as unknown as {
          koe: Record<string, (input: unknown) => Promise<IpcResult<unknown>>>;
        }
      ).koe[name as string]!(value),
    [channel, input] as const,
  )) as IpcResult<IpcOutput<C>>;
}

/** Probes until it answers something; the deadline only ends a hung run, it asserts no timing. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | null | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });

export interface StudioDesks {
  world: TwoDesks;
  trainer: Desk;
  agent: Desk;
}

/**
 * Registers the suite's hooks: the demo's trainer and agent, each on a desk of one retailer,
 * closed after the suite. The fields are set once `beforeAll` has run.
 */
export function trainerAndAgentDesks(): StudioDesks {
  const desks = {} as StudioDesks;
  beforeAll(async () => {
    desks.world = await startTwoDesks({
      trainer: 'trainer@demo.koe.example',
      agent: 'agent@demo.koe.example',
    });
    desks.trainer = desks.world.desks.trainer!;
    desks.agent = desks.world.desks.agent!;
  });
  afterAll(async () => {
    await desks.world?.close();
  });
  return desks;
}
