import { backoffDelayMs } from './push-outbox';
import type { SyncWorkerHandle } from './sync-worker-host';

/** The longest pause between two sign-in attempts. */
const MAX_RETRY_MS = 30_000;

export interface DemoSignIn {
  /** No further attempt (the core closes). */
  stop(): void;
}

/**
 * The demo agent signs in by itself, and keeps trying (with backoff) while the retailer cannot be
 * reached: a desktop started offline must not stay signed out once the network is back. It stops
 * at the first success, or when `giveUp` says so (the desk was revoked).
 */
export function signInDemoAgent(
  worker: Pick<SyncWorkerHandle, 'signIn'>,
  agent: { email: string; password: string },
  giveUp: () => boolean = () => false,
): DemoSignIn {
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | null = null;
  const attempt = (n: number): void => {
    void worker.signIn(agent.email, agent.password).then((result) => {
      if (result.ok || stopped || giveUp()) return;
      retry = setTimeout(() => attempt(n + 1), Math.min(MAX_RETRY_MS, backoffDelayMs(n)));
    });
  };
  attempt(0);
  return {
    stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
    },
  };
}
