import { describe, expect, it } from 'vitest';
import {
  createUpdatePolicy,
  type UpdateNotice,
  type UpdaterPort,
} from '../../../src/main/core/updates/update-policy';

/** An updater port that records what the policy asked of it (electron-updater cannot run here). */
function fakeUpdater(offered: string | null) {
  const calls: string[] = [];
  const port: UpdaterPort = {
    check: async () => {
      calls.push('check');
      return offered ? { version: offered } : null;
    },
    download: async () => {
      calls.push('download');
    },
    quitAndInstall: () => {
      calls.push('quitAndInstall');
    },
  };
  return { port, calls };
}

function desk(offered: string | null, callActive: boolean) {
  const updater = fakeUpdater(offered);
  const notices: UpdateNotice[] = [];
  const state = { callActive };
  const policy = createUpdatePolicy({
    updater: updater.port,
    isCallActive: () => state.callActive,
    notify: (n) => notices.push(n),
  });
  return { policy, calls: updater.calls, notices, state };
}

describe('update policy: never restarts during a call or an unsaved wrap-up', () => {
  it('downloads in the background during a call, and installs only at a quit outside one', async () => {
    const d = desk('1.2.0', true);
    await d.policy.check();
    expect(d.calls).toEqual(['check', 'download']);
    expect(d.notices).toEqual([{ kind: 'ready', version: '1.2.0', restart: 'at-quit' }]);
    expect(d.policy.installOnQuit()).toBe(false);
    d.state.callActive = false;
    d.policy.callStateChanged();
    // An ordinary update does not restart the desk on its own, even when idle.
    expect(d.calls).not.toContain('quitAndInstall');
    expect(d.policy.installOnQuit()).toBe(true);
  });

  it('a required update waits for the call and its wrap-up, says so, then restarts', async () => {
    const d = desk('1.2.0', true);
    await d.policy.check({ required: true });
    expect(d.notices).toEqual([{ kind: 'ready', version: '1.2.0', restart: 'after-call' }]);
    d.policy.callStateChanged(); // the call ended, the wrap-up is still unsaved
    expect(d.calls).not.toContain('quitAndInstall');
    d.state.callActive = false; // the wrap-up is saved
    d.policy.callStateChanged();
    expect(d.notices.at(-1)).toEqual({ kind: 'restarting', version: '1.2.0' });
    expect(d.calls.filter((c) => c === 'quitAndInstall')).toHaveLength(1);
    d.policy.callStateChanged();
    expect(d.calls.filter((c) => c === 'quitAndInstall')).toHaveLength(1);
  });

  it('a required update on an idle desk tells the agent, then restarts', async () => {
    const d = desk('1.2.0', false);
    await d.policy.check({ required: true });
    expect(d.notices).toEqual([{ kind: 'restarting', version: '1.2.0' }]);
    expect(d.calls).toEqual(['check', 'download', 'quitAndInstall']);
  });

  it('does nothing when the feed offers nothing, and installs nothing at quit', async () => {
    const d = desk(null, false);
    await d.policy.check({ required: true });
    expect(d.calls).toEqual(['check']);
    expect(d.notices).toEqual([]);
    expect(d.policy.installOnQuit()).toBe(false);
  });

  it('downloads an offered version once across checks', async () => {
    const d = desk('1.2.0', true);
    await d.policy.check();
    await d.policy.check();
    expect(d.calls.filter((c) => c === 'download')).toHaveLength(1);
  });
});
