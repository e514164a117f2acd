import { AppError } from '../../../src/main/core/platform/errors';
import { serveWorkerRpc } from '../../../src/main/core/platform/worker-rpc-serve';

/** A worker for worker-rpc.test.ts: answers, refuses with a code, fails, or dies. */
serveWorkerRpc(
  {
    double: (n: number) => n * 2,
    later: async (n: number) => {
      await new Promise((settle) => setTimeout(settle, 1));
      return n + 1;
    },
    refuse: () => {
      throw new AppError('not_found', 'No such customer');
    },
    fail: () => {
      throw new Error('broken');
    },
    die: () => process.exit(3),
  },
  { name: 'test worker' },
);
