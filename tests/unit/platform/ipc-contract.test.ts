import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createEventBus } from '../../../src/main/core/platform/event-bus';
import { createIpcRouter, type IpcServices } from '../../../src/main/core/platform/router';
import { loadPreferences } from '../../../src/main/core/preferences/preferences';
import { createServices } from '../../../src/main/core/services';
import { AppError } from '../../../src/main/core/platform/errors';
import { createKoeApi, ipcChannels, ipcHandlers, type KoeTransport } from '../../../src/shared/ipc';
import { openTestDatabase } from '../../fixtures/test-database';

/** Services that only record that they were reached. */
function spyServices() {
  const calls: string[] = [];
  const services = Object.fromEntries(
    ipcChannels.map((channel) => [channel, vi.fn(() => (calls.push(channel), 'reached'))]),
  ) as unknown as IpcServices;
  return { services, calls };
}

describe('the IPC contract', () => {
  it('has a service behind every channel', async () => {
    const { db, sqlite } = await openTestDatabase();
    const services = createServices({
      db,
      sqlite,
      events: createEventBus(),
      preferences: loadPreferences(mkdtempSync(join(tmpdir(), 'koe-prefs-'))),
      appVersion: 'test',
      retailer: null,
      connectRetailer: async () => ({ retailerUrl: 'unused' }),
    });
    expect(Object.keys(services).sort()).toEqual([...ipcChannels].sort());
    expect(() => createIpcRouter(services)).not.toThrow();
  });

  it('refuses to build a router with a channel left unserved', () => {
    const { services } = spyServices();
    const incomplete = { ...services } as Partial<IpcServices>;
    delete incomplete['customers:search'];
    expect(() => createIpcRouter(incomplete as IpcServices)).toThrow(/customers:search/);
  });

  it.each(ipcChannels)('refuses invalid input for %s before its service runs', async (channel) => {
    const { services, calls } = spyServices();
    const router = createIpcRouter(services);
    for (const bad of [
      'a string',
      42,
      [],
      { unexpected: true },
      { query: 'x'.repeat(5000), phone: 1 },
    ]) {
      const result = await router.handle(channel, bad);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!result.ok) expect(result.error.message).toContain(channel);
    }
    expect(calls).toEqual([]);
  });

  it('passes the parsed input (with defaults) to the service', async () => {
    const { services } = spyServices();
    const router = createIpcRouter(services);
    expect(await router.handle('customers:search', { query: '  佐藤  ' })).toEqual({
      ok: true,
      value: 'reached',
    });
    expect(services['customers:search']).toHaveBeenCalledWith({ query: '佐藤', limit: 20 });
  });

  it('answers a channel outside the contract with unknown_channel', async () => {
    const { services, calls } = spyServices();
    const router = createIpcRouter(services);
    for (const name of ['evil', 'constructor', '__proto__', 'toString', null, 7]) {
      expect(await router.handle(name, {})).toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
    }
    expect(calls).toEqual([]);
  });

  it('turns a service error into a result: its own code, or internal without details', async () => {
    const { services } = spyServices();
    services['customers:card'] = () => {
      throw new AppError('not_found', 'No customer x');
    };
    services['customers:search'] = () => {
      throw new Error('SQLITE_CORRUPT secret path /home/agent');
    };
    const router = createIpcRouter(services, () => {});
    expect(await router.handle('customers:card', { customerId: 'x' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No customer x' },
    });
    const internal = await router.handle('customers:search', { query: 'abc' });
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('/home/agent');
  });
});

describe('window.koe (createKoeApi)', () => {
  const transport = (): KoeTransport & { invoked: string[] } => {
    const invoked: string[] = [];
    return {
      invoked,
      invoke: async (channel) => (invoked.push(channel), { ok: true, value: null }),
      subscribe: () => () => {},
    };
  };

  it('has exactly one function per contract channel, plus `on`', () => {
    const api = createKoeApi(transport());
    expect(Object.keys(api).sort()).toEqual([...Object.keys(ipcHandlers), 'on'].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('reaches nothing outside the contract', async () => {
    const t = transport();
    const api = createKoeApi(t) as unknown as Record<string, unknown>;
    expect(api['evil']).toBeUndefined();
    expect(() => (api as { on: (e: string, l: () => void) => void }).on('evil', () => {})).toThrow(
      /Unknown Koe event/,
    );
    await (api['customers:search'] as (i: unknown) => Promise<unknown>)({ query: 'x' });
    expect(t.invoked).toEqual(['customers:search']);
  });
});
