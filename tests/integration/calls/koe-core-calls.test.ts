import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startKoeCore, type KoeCore } from '../../../src/main/core/koe-core';
import type { IpcEvents } from '../../../src/shared/ipc';

/** The core as the app starts it (without a retailer), its CTI bridge on a free port. */
describe('calls in the core', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(): Promise<{ core: KoeCore; changes: IpcEvents['calls:changed'][] }> {
    const dataDir = mkdtempSync(join(tmpdir(), 'koe-core-calls-'));
    const core = await startKoeCore({
      dataDir,
      appVersion: 'test',
      ctiPort: 0,
      predictions: false,
    });
    cleanups.push(async () => {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const changes: IpcEvents['calls:changed'][] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'calls:changed') changes.push(payload as IpcEvents['calls:changed']);
    });
    return { core, changes };
  }

  it('pushes a CTI ring to the UI and holds updates while the call and its wrap-up last', async () => {
    const { core, changes } = await start();
    const info = await core.router.handle('cti:info', {});
    if (!info.ok || !info.value) throw new Error('no CTI info');
    const { url, token } = info.value as { url: string; token: string };
    const post = (body: object) =>
      fetch(`${url}/v1/call-events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    expect(core.isCallActive()).toBe(false);
    expect((await post({ event: 'ringing', callId: 'c-1', ani: '+81 90 1234 5678' })).status).toBe(
      202,
    );
    await vi.waitFor(() => expect(changes).toHaveLength(1));
    expect(changes.map((c) => [c.cause, c.call.state, c.call.e164])).toEqual([
      ['ringing', 'ringing', '+819012345678'],
    ]);
    // The ring carries its screen pop (this cache is empty: no one has the number).
    // The pop's number leaves masked; the call itself carries the number it rang with.
    expect(changes[0]?.pop).toEqual({ e164: '***-****-5678', matches: [], card: null });
    expect(core.isCallActive()).toBe(true);
    await post({ event: 'answered', callId: 'c-1' });
    await post({ event: 'ended', callId: 'c-1' });
    await vi.waitFor(() => expect(changes.at(-1)?.call.state).toBe('wrap_up'));
    expect(changes.map((c) => c.cause)).toEqual(['ringing', 'answered', 'ended']);
    expect(changes[1]?.pop).toBeUndefined();
    // Still in wrap-up: an update must wait.
    expect(core.isCallActive()).toBe(true);
    const state = await core.router.handle('calls:state', {});
    expect(state).toMatchObject({
      ok: true,
      value: { current: { callId: 'c-1', state: 'wrap_up' } },
    });
  });

  it('starts a call from a koe://call link, and does not start a second while on the line', async () => {
    const { core, changes } = await start();
    expect(core.openLink('koe://call?ani=0312345678')).toBe(true);
    await vi.waitFor(() => expect(changes).toHaveLength(1));
    expect(changes.map((c) => [c.cause, c.call.origin, c.call.state])).toEqual([
      ['started', 'link', 'in_call'],
    ]);
    // The same caller's link again (softphones repeat themselves): nothing new. The desk decides
    // at once, so its calls right after the link are the proof: still the one call, on the line.
    expect(core.openLink('koe://call?ani=03-1234-5678')).toBe(true);
    expect(core.desk.today().map((c) => [c.origin, c.state])).toEqual([['link', 'in_call']]);
    expect(changes).toHaveLength(1);
    expect(core.openLink('koe://nothing')).toBe(false);
  });

  it("sends a hang-up that comes while the ring's pop is read after the ring, never before", async () => {
    const { core, changes } = await start();
    // Back to back, in one tick: the hang-up reaches the desk before the ring's pop is read.
    core.desk.apply({ type: 'ringing', callId: 'c-2', ani: '03-1234-5678' });
    core.desk.apply({ type: 'ended', callId: 'c-2' });
    expect(changes).toHaveLength(0);
    await vi.waitFor(() => expect(changes).toHaveLength(2));
    expect(changes.map((c) => [c.cause, c.call.state, c.pop?.e164])).toEqual([
      ['ringing', 'ringing', '***-****-5678'],
      ['ended', 'missed', undefined],
    ]);
  });
});
