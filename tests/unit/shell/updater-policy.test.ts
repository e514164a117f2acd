import { describe, expect, it } from 'vitest';
import {
  autoInstallOnAppQuit,
  decideUpdateAction,
  updatesEnabled,
  type UpdateState,
} from '../../../src/main/shell/updater-policy';

const state = (overrides: Partial<UpdateState>): UpdateState => ({
  updateDownloaded: false,
  quitting: false,
  callActive: false,
  ...overrides,
});

describe('decideUpdateAction', () => {
  it('does nothing without a downloaded update', () => {
    for (const quitting of [false, true]) {
      for (const callActive of [false, true]) {
        expect(decideUpdateAction(state({ quitting, callActive }))).toBe('none');
      }
    }
  });

  it('installs a downloaded update when the agent quits outside a call', () => {
    expect(decideUpdateAction(state({ updateDownloaded: true }))).toBe('install-on-quit');
    expect(decideUpdateAction(state({ updateDownloaded: true, quitting: true }))).toBe(
      'install-on-quit',
    );
  });

  it('never installs during a call; quitting mid-call defers it to the next quit', () => {
    expect(decideUpdateAction(state({ updateDownloaded: true, callActive: true }))).toBe('wait');
    expect(
      decideUpdateAction(state({ updateDownloaded: true, callActive: true, quitting: true })),
    ).toBe('wait');
  });
});

describe('autoInstallOnAppQuit', () => {
  it('stays armed until the app quits, so a download finishing mid-call is not lost', () => {
    expect(autoInstallOnAppQuit(state({ callActive: true }))).toBe(true);
    expect(autoInstallOnAppQuit(state({ updateDownloaded: true, callActive: true }))).toBe(true);
  });

  it('at quit, follows the decision', () => {
    expect(autoInstallOnAppQuit(state({ updateDownloaded: true, quitting: true }))).toBe(true);
    expect(
      autoInstallOnAppQuit(state({ updateDownloaded: true, quitting: true, callActive: true })),
    ).toBe(false);
    expect(autoInstallOnAppQuit(state({ quitting: true }))).toBe(false);
  });

  it('walks a session: download during a call, quit mid-call, then quit after the call', () => {
    // Session 1: the update downloads while the agent is on a call; they quit during the call.
    const duringCall = state({ updateDownloaded: true, callActive: true });
    expect(decideUpdateAction(duringCall)).toBe('wait');
    expect(autoInstallOnAppQuit({ ...duringCall, quitting: true })).toBe(false);
    // Session 2: the cached update is found again; the agent quits between calls.
    const betweenCalls = state({ updateDownloaded: true });
    expect(autoInstallOnAppQuit({ ...betweenCalls, quitting: true })).toBe(true);
  });
});

describe('updatesEnabled', () => {
  it('only in a packaged production build', () => {
    expect(updatesEnabled({ isPackaged: true, dev: false })).toBe(true);
    expect(updatesEnabled({ isPackaged: false, dev: false })).toBe(false);
    expect(updatesEnabled({ isPackaged: true, dev: true })).toBe(false);
    expect(updatesEnabled({ isPackaged: false, dev: true })).toBe(false);
  });
});
