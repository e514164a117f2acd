import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallDesk } from '../../../src/main/core/calls/call-desk';
import { createDeskLock } from '../../../src/main/core/desk-lock/desk-lock';
import { fileDeskPinStore } from '../../../src/main/core/desk-lock/desk-pin';
import { refuseWhileLocked } from '../../../src/main/core/desk-lock/locked-guard';
import { createIpcRouter, type IpcServices } from '../../../src/main/core/platform/router';
import { ipcChannels } from '../../../src/shared/ipc';
import {
  idleMinutesFrom,
  wrongPinWaitMs,
  DEFAULT_IDLE_MINUTES,
} from '../../../src/shared/desk-lock/desk-lock';

const MINUTE = 60_000;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koe-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A lock on an injected clock, its PIN already set. */
async function lockWithPin(idleMinutes = 10) {
  const clock = { now: Date.parse('2026-12-06T09:00:00Z') };
  const now = () => clock.now;
  const desk = createCallDesk({ now });
  const pins = fileDeskPinStore(dir);
  const lock = createDeskLock({ pins, desk, idleMinutes: () => idleMinutes, now, checkEveryMs: 0 });
  await lock.setPin('246813', null);
  return { clock, desk, lock };
}

describe('desk lock', () => {
  it('locks after the idle time with no input, not before', async () => {
    const { clock, lock } = await lockWithPin(10);
    clock.now += 9 * MINUTE;
    lock.check();
    expect(lock.isLocked()).toBe(false);
    lock.activity(); // the agent typed: the count starts again
    clock.now += 9 * MINUTE;
    lock.check();
    expect(lock.isLocked()).toBe(false);
    clock.now += 1 * MINUTE;
    lock.check();
    expect(lock.state()).toMatchObject({ locked: true, cause: 'idle' });
  });

  it('never locks mid-call, and counts idle time from the end of the call', async () => {
    const { clock, desk, lock } = await lockWithPin(10);
    desk.apply({ type: 'ringing', callId: 'c1', ani: '090-1234-5678' });
    desk.apply({ type: 'answered', callId: 'c1' });
    clock.now += 30 * MINUTE;
    // The OS may lock mid-call: the lock screen says a call is on the line, nothing more.
    lock.lockNow('system');
    expect(lock.state()).toMatchObject({ locked: true, call: 'on_call' });
    await lock.unlock('246813');
    lock.check();
    expect(lock.isLocked()).toBe(false);
    desk.apply({ type: 'ended', callId: 'c1' });
    clock.now += 30 * MINUTE; // a long wrap-up is still a call
    lock.check();
    expect(lock.isLocked()).toBe(false);
    desk.saveWrapUp('c1', () => undefined);
    clock.now += 9 * MINUTE;
    lock.check();
    expect(lock.isLocked()).toBe(false);
    clock.now += 1 * MINUTE;
    lock.check();
    expect(lock.isLocked()).toBe(true);
  });

  it('does not lock before a PIN is set (nothing could open it)', () => {
    const clock = { now: 0 };
    const desk = createCallDesk({ now: () => clock.now });
    const lock = createDeskLock({
      pins: fileDeskPinStore(dir),
      desk,
      idleMinutes: () => 1,
      now: () => clock.now,
      checkEveryMs: 0,
    });
    clock.now += 60 * MINUTE;
    lock.check();
    expect(lock.lockNow('system')).toMatchObject({ locked: false, pinSet: false });
  });

  it('keeps the PIN as a salted scrypt hash, and opens only with the right PIN', async () => {
    const { lock } = await lockWithPin();
    const stored = readFileSync(join(dir, 'desk-pin.json'), 'utf8');
    expect(stored).not.toContain('246813');
    expect(JSON.parse(stored)).toMatchObject({ v: 1, N: 2 ** 15 });
    lock.lockNow('agent');
    expect(await lock.unlock('135792')).toMatchObject({ unlocked: false, locked: true });
    expect(await lock.unlock('246813')).toMatchObject({ unlocked: true, locked: false });
    // A second store (a restart) reads the same hash.
    expect(await fileDeskPinStore(dir).verify('246813')).toBe(true);
  });

  it('makes the agent wait after repeated wrong PINs, even for the right one', async () => {
    const { clock, lock } = await lockWithPin();
    lock.lockNow('system');
    for (let i = 0; i < 2; i++) {
      expect(await lock.unlock('000000')).toMatchObject({ unlocked: false, retryAt: null });
    }
    const third = await lock.unlock('000000');
    expect(third.retryAt).toBe(new Date(clock.now + 30_000).toISOString());
    expect(await lock.unlock('246813')).toMatchObject({ unlocked: false, locked: true });
    clock.now += 30_000;
    expect(await lock.unlock('246813')).toMatchObject({ unlocked: true, retryAt: null });
    expect([0, 1, 2, 3, 4, 5, 20].map(wrongPinWaitMs)).toEqual([
      0,
      0,
      0,
      30_000,
      60_000,
      120_000,
      15 * MINUTE,
    ]);
  });

  it('changing the PIN needs the current one', async () => {
    const { lock } = await lockWithPin();
    await expect(lock.setPin('111111', null)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(lock.setPin('111111', '999999')).rejects.toMatchObject({ code: 'forbidden' });
    await lock.setPin('111111', '246813');
    lock.lockNow('agent');
    expect((await lock.unlock('111111')).unlocked).toBe(true);
  });

  it('reads the idle time from the retailer’s desk_lock policy, within bounds', () => {
    const policy = (idleMinutes: unknown, active = true) => ({
      kind: 'desk_lock',
      active,
      params: { idleMinutes } as Record<string, unknown>,
    });
    expect(idleMinutesFrom([])).toBe(DEFAULT_IDLE_MINUTES);
    expect(idleMinutesFrom([policy(5)])).toBe(5);
    expect(idleMinutesFrom([policy(5, false)])).toBe(DEFAULT_IDLE_MINUTES);
    expect(idleMinutesFrom([policy('5')])).toBe(DEFAULT_IDLE_MINUTES);
    expect(idleMinutesFrom([policy(0)])).toBe(1);
    expect(idleMinutesFrom([policy(10_000)])).toBe(480);
  });
});

describe('locked guard', () => {
  it('refuses every customer-data channel with `locked` while locked, and answers after', async () => {
    const { lock } = await lockWithPin();
    const services = Object.fromEntries(
      ipcChannels.map((name) => [name, () => ({ served: name })]),
    ) as unknown as IpcServices;
    const router = createIpcRouter(refuseWhileLocked(services, () => lock.isLocked()));
    lock.lockNow('agent');
    const card = await router.handle('customers:card', { customerId: 'c_1' });
    expect(card).toEqual({ ok: false, error: { code: 'locked', message: expect.any(String) } });
    for (const channel of ['customers:search', 'customers:screenPop', 'calls:state'] as const) {
      const input =
        channel === 'customers:search'
          ? { query: '佐藤' }
          : channel === 'customers:screenPop'
            ? { phone: '0901234567' }
            : {};
      expect((await router.handle(channel, input)).ok, channel).toBe(false);
    }
    expect(await router.handle('lock:state', {})).toMatchObject({ ok: true });
    await lock.unlock('246813');
    expect(await router.handle('customers:card', { customerId: 'c_1' })).toEqual({
      ok: true,
      value: { served: 'customers:card' },
    });
  });
});
