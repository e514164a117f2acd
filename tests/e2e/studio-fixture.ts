import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { SCREENSHOT_DIR } from './harness-fixture';
import { startTwoDesks, type Desk, type TwoDesks } from './two-desks-fixture';

/** What the studio suites (scripts, approved answers) share: a trainer's and an agent's desk. */

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
