import { describe, expect, it, vi } from 'vitest';
import { createIpcTransport, type IpcRendererLike } from '../../../src/preload/koe-transport';
import {
  createKoeApi,
  ipcChannels,
  KOE_EVENT_CHANNEL,
  type IpcChannel,
} from '../../../src/shared/ipc';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** An ipcRenderer that records what reaches it and can push events like main does. */
function fakeIpcRenderer(
  answer: (channel: string, input: unknown) => unknown = () => ({ ok: true, value: 1 }),
) {
  const listeners = new Map<string, Set<Listener>>();
  const invoked: { channel: string; input: unknown }[] = [];
  const ipc: IpcRendererLike = {
    invoke: vi.fn(async (channel: string, input: unknown) => {
      invoked.push({ channel, input });
      return answer(channel, input);
    }),
    on: vi.fn((channel: string, listener: Listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener);
    }),
  };
  const push = (message: unknown) => {
    const rawEvent = { sender: { secret: 'ipcRenderer' } };
    for (const listener of listeners.get(KOE_EVENT_CHANNEL) ?? []) listener(rawEvent, message);
  };
  const listenerCount = () => listeners.get(KOE_EVENT_CHANNEL)?.size ?? 0;
  return { ipc, invoked, push, listenerCount, listeners };
}

describe('createIpcTransport', () => {
  it('passes contract channels to ipcRenderer.invoke and returns its result', async () => {
    const fake = fakeIpcRenderer();
    const transport = createIpcTransport(fake.ipc);
    for (const channel of ipcChannels) {
      await expect(transport.invoke(channel, { x: 1 })).resolves.toEqual({ ok: true, value: 1 });
    }
    expect(fake.invoked.map((call) => call.channel)).toEqual(ipcChannels);
    expect(fake.invoked[0]?.input).toEqual({ x: 1 });
  });

  it('refuses any other channel before it reaches ipcRenderer', async () => {
    const fake = fakeIpcRenderer();
    const transport = createIpcTransport(fake.ipc);
    for (const name of ['koe:event', 'app:quit', '__proto__', 'constructor', '', 7, null]) {
      await expect(transport.invoke(name as IpcChannel, {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
    }
    expect(fake.ipc.invoke).not.toHaveBeenCalled();
  });

  it('answers "unavailable" instead of throwing when main cannot be reached', async () => {
    const fake = fakeIpcRenderer(() => {
      throw new Error("No handler registered for 'app:info'");
    });
    await expect(createIpcTransport(fake.ipc).invoke('app:info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('gives each listener only the payload of the event it asked for', () => {
    const fake = fakeIpcRenderer();
    const transport = createIpcTransport(fake.ipc);
    const navigate = vi.fn();
    const locale = vi.fn();
    transport.subscribe('app:navigate', navigate);
    transport.subscribe('app:localeChanged', locale);
    expect(fake.listenerCount()).toBe(1);

    fake.push({ event: 'app:navigate', payload: { to: 'customer', customerId: 'C1' } });
    fake.push({ event: 'app:localeChanged', payload: { locale: 'en' } });
    expect(navigate).toHaveBeenCalledExactlyOnceWith({ to: 'customer', customerId: 'C1' });
    expect(locale).toHaveBeenCalledExactlyOnceWith({ locale: 'en' });
  });

  it('drops messages that are not contract events', () => {
    const fake = fakeIpcRenderer();
    const transport = createIpcTransport(fake.ipc);
    const listener = vi.fn();
    transport.subscribe('app:navigate', listener);
    for (const message of [null, 'app:navigate', 42, {}, { event: 'app:quit', payload: 1 }]) {
      fake.push(message);
    }
    expect(listener).not.toHaveBeenCalled();
  });

  it('refuses to subscribe to an event outside the contract', () => {
    const transport = createIpcTransport(fakeIpcRenderer().ipc);
    expect(() => transport.subscribe('app:quit' as 'app:navigate', () => {})).toThrow(/Unknown/);
  });

  it('unsubscribes one subscription at a time, and detaches when none is left', () => {
    const fake = fakeIpcRenderer();
    const transport = createIpcTransport(fake.ipc);
    const listener = vi.fn();
    const first = transport.subscribe('app:localeChanged', listener);
    const second = transport.subscribe('app:localeChanged', listener);
    fake.push({ event: 'app:localeChanged', payload: { locale: 'ja' } });
    expect(listener).toHaveBeenCalledTimes(2);
    first();
    fake.push({ event: 'app:localeChanged', payload: { locale: 'ja' } });
    expect(listener).toHaveBeenCalledTimes(3);
    second();
    expect(fake.listenerCount()).toBe(0);
    transport.subscribe('app:localeChanged', listener);
    expect(fake.listenerCount()).toBe(1);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const fake = fakeIpcRenderer();
    const transport = createIpcTransport(fake.ipc);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    transport.subscribe('app:navigate', () => {
      throw new Error('boom');
    });
    transport.subscribe('app:navigate', after);
    fake.push({ event: 'app:navigate', payload: { to: 'search', query: 'x' } });
    expect(after).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('builds window.koe with createKoeApi: one function per channel, and on()', async () => {
    const fake = fakeIpcRenderer();
    const koe = createKoeApi(createIpcTransport(fake.ipc));
    await koe['customers:search']({ query: 'sato' });
    expect(fake.invoked).toEqual([{ channel: 'customers:search', input: { query: 'sato' } }]);
    const listener = vi.fn();
    const off = koe.on('app:navigate', listener);
    fake.push({ event: 'app:navigate', payload: { to: 'screenPop', phone: '0312345678' } });
    expect(listener).toHaveBeenCalledWith({ to: 'screenPop', phone: '0312345678' });
    off();
    expect(fake.listenerCount()).toBe(0);
  });
});
