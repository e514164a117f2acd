import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/main/core/platform/errors';
import { startWorkerRpc } from '../../../src/main/core/platform/worker-rpc';

type TestMethods = {
  double(n: number): number;
  later(n: number): Promise<number>;
  refuse(input: null): never;
  fail(input: null): never;
  die(input: null): never;
};

const entry = { typescriptSource: new URL('./rpc-test-worker.ts', import.meta.url).href };

describe('the worker-RPC host', () => {
  it('answers each call by its id, keeps an AppError code, and fails what a dead worker held', async () => {
    const rpc = startWorkerRpc<TestMethods>(entry, null, { name: 'test' });
    const [a, b, c] = await Promise.all([
      rpc.call('later', 1),
      rpc.call('double', 21),
      rpc.call('double', 2),
    ]);
    expect([a, b, c]).toEqual([2, 42, 4]);

    const refused = await rpc.call('refuse', null).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'not_found', message: 'No such customer' });
    const failed = await rpc.call('fail', null).catch((e: unknown) => e);
    expect(failed).not.toBeInstanceOf(AppError);
    expect((failed as Error).message).toBe('broken');

    await expect(rpc.call('die', null)).rejects.toThrow('The test worker exited');
    // Once dead, it says so at once rather than leave a caller waiting.
    await expect(rpc.call('double', 1)).rejects.toThrow('The test worker exited');
    await rpc.stop();
  }, 30_000);

  it('stops when asked', async () => {
    const rpc = startWorkerRpc<TestMethods>(entry, null, { name: 'test' });
    expect(await rpc.call('double', 1)).toBe(2);
    await rpc.stop();
    await expect(rpc.call('double', 1)).rejects.toThrow('The test worker exited');
  }, 30_000);
});
