import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { DeskLockCause } from '../../../src/shared/desk-lock/desk-lock';
import { lockOnSystemLock } from '../../../src/main/shell/power-lock';

/**
 * The shell's only part in the desk lock: Electron's powerMonitor (an EventEmitter; no Electron
 * binary here, so a plain emitter stands in for it) hands the OS lock and sleep to the core.
 */
describe('lock on system lock', () => {
  it('locks the desk when the OS locks the screen or suspends, until unsubscribed', () => {
    const power = new EventEmitter();
    const causes: DeskLockCause[] = [];
    const stop = lockOnSystemLock(power as never, {
      lockNow: (cause) => {
        causes.push(cause);
        return {} as never;
      },
    });
    power.emit('lock-screen');
    power.emit('suspend');
    power.emit('unlock-screen');
    expect(causes).toEqual(['system', 'system']);
    stop();
    power.emit('lock-screen');
    expect(causes).toHaveLength(2);
  });
});
