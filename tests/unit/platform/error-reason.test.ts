import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/main/core/platform/errors';
import { createIpcRouter } from '../../../src/main/core/platform/router';

describe('an error’s reason across the IPC router', () => {
  it('carries the precise reason a service raised, for the page to word from its catalogs', async () => {
    // Every channel's service refuses the same way (the router wants one per channel).
    const refusing = () => {
      throw new AppError('unavailable', 'Not signed in to the retailer.', 'not_signed_in');
    };
    const router = createIpcRouter(new Proxy({}, { get: () => refusing }) as never);
    expect(await router.handle('app:info', {})).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message: 'Not signed in to the retailer.',
        reason: 'not_signed_in',
      },
    });
  });

  it('sends no reason when the service gave none', async () => {
    const refusing = () => {
      throw new AppError('conflict', 'Call call-9 already ended.');
    };
    const router = createIpcRouter(new Proxy({}, { get: () => refusing }) as never);
    expect(await router.handle('app:info', {})).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Call call-9 already ended.' },
    });
  });
});
