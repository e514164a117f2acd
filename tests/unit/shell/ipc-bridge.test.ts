import { describe, expect, it, vi } from 'vitest';
import { createEventBus } from '../../../src/main/core/platform/event-bus';
import { createEventRelay } from '../../../src/main/shell/event-relay';
import {
  connectIpc,
  type IpcMainLike,
  type WebContentsLike,
} from '../../../src/main/shell/ipc-bridge';
import { gateIpcCall } from '../../../src/main/shell/ipc-gate';
import { PRODUCTION_RENDERER_URL } from '../../../src/main/shell/security';
import { ipcChannels, type IpcResult } from '../../../src/shared/ipc';
import type { IpcRouter } from '../../../src/main/core/platform/router';

const renderer = PRODUCTION_RENDERER_URL;

describe('gateIpcCall', () => {
  it("routes contract channels called from the app's renderer", () => {
    for (const channel of ipcChannels) {
      expect(gateIpcCall(channel, 'koe-app://renderer/index.html#/x', renderer)).toEqual({
        kind: 'route',
        channel,
      });
    }
  });

  it('refuses names outside the contract', () => {
    for (const channel of ['app:quit', 'constructor', '__proto__', 'toString', '', 42, null]) {
      const decision = gateIpcCall(channel, renderer, renderer);
      expect(decision.kind, String(channel)).toBe('refuse');
    }
  });

  it('refuses calls from any other page, and from a frame that is gone', () => {
    for (const sender of [
      'https://evil.example/',
      'file:///tmp/x.html',
      'about:blank',
      '',
      null,
      undefined,
    ]) {
      const decision = gateIpcCall('customers:search', sender, renderer);
      expect(decision).toMatchObject({
        kind: 'refuse',
        result: { ok: false, error: { code: 'unknown_channel' } },
      });
    }
  });
});

describe('createEventRelay', () => {
  it('holds events until the page is ready, then sends them in order', () => {
    const send = vi.fn();
    const relay = createEventRelay(send);
    relay.deliver('app:navigate', { to: 'screenPop', phone: '0312345678' });
    relay.deliver('app:localeChanged', { locale: 'en' });
    expect(send).not.toHaveBeenCalled();
    relay.setReady(true);
    expect(send.mock.calls.map(([message]) => message.event)).toEqual([
      'app:navigate',
      'app:localeChanged',
    ]);
    relay.deliver('app:localeChanged', { locale: 'ja' });
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('keeps only the newest few while waiting, and waits again during a reload', () => {
    const send = vi.fn();
    const relay = createEventRelay(send, 2);
    for (const query of ['a', 'b', 'c']) relay.deliver('app:navigate', { to: 'search', query });
    relay.setReady(true);
    expect(send.mock.calls.map(([message]) => message.payload.query)).toEqual(['b', 'c']);
    relay.setReady(false);
    relay.deliver('app:navigate', { to: 'search', query: 'd' });
    expect(send).toHaveBeenCalledTimes(2);
  });
});

function fakes() {
  const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: (event: unknown, input: unknown) => unknown) => {
      if (handlers.has(channel)) throw new Error(`twice: ${channel}`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
  const listeners = new Map<string, () => void>();
  const webContents = {
    send: vi.fn(),
    isDestroyed: () => false,
    on: vi.fn((name: string, listener: () => void) => listeners.set(name, listener)),
    off: vi.fn((name: string) => listeners.delete(name)),
  };
  const handle = vi.fn(async (): Promise<IpcResult<unknown>> => ({ ok: true, value: 'v' }));
  const router: IpcRouter & { handle: typeof handle } = { channels: ipcChannels, handle };
  const events = createEventBus();
  return { handlers, ipcMain, listeners, webContents, router, events };
}

const fromFrame = (url: string | null) => ({ senderFrame: url === null ? null : { url } });

describe('connectIpc', () => {
  it('registers exactly the contract channels and delegates them to the router', async () => {
    const f = fakes();
    connectIpc(
      { router: f.router, events: f.events },
      f.webContents as unknown as WebContentsLike,
      renderer,
      f.ipcMain as unknown as IpcMainLike,
    );
    expect([...f.handlers.keys()].sort()).toEqual([...ipcChannels].sort());
    const handler = f.handlers.get('customers:search')!;
    await expect(handler(fromFrame(renderer), { query: 'sato' })).resolves.toEqual({
      ok: true,
      value: 'v',
    });
    expect(f.router.handle).toHaveBeenCalledWith('customers:search', { query: 'sato' });
  });

  it('refuses a foreign or vanished sender without reaching the router', async () => {
    const f = fakes();
    connectIpc(
      { router: f.router, events: f.events },
      f.webContents as unknown as WebContentsLike,
      renderer,
      f.ipcMain as unknown as IpcMainLike,
    );
    const handler = f.handlers.get('customers:card')!;
    for (const url of ['https://evil.example/', null]) {
      expect(await handler(fromFrame(url), { customerId: 'C1' })).toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
    }
    expect(f.router.handle).not.toHaveBeenCalled();
  });

  it('forwards core events once the page has loaded, and disconnects cleanly', () => {
    const f = fakes();
    const disconnect = connectIpc(
      { router: f.router, events: f.events },
      f.webContents as unknown as WebContentsLike,
      renderer,
      f.ipcMain as unknown as IpcMainLike,
    );
    f.events.emit('app:navigate', { to: 'customer', customerId: 'C1' });
    expect(f.webContents.send).not.toHaveBeenCalled();
    f.listeners.get('did-finish-load')!();
    expect(f.webContents.send).toHaveBeenCalledWith('koe:event', {
      event: 'app:navigate',
      payload: { to: 'customer', customerId: 'C1' },
    });
    disconnect();
    expect(f.handlers.size).toBe(0);
    f.events.emit('app:localeChanged', { locale: 'en' });
    expect(f.webContents.send).toHaveBeenCalledTimes(1);
  });
});
