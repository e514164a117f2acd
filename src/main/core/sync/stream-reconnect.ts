/** How the desk keeps its live change stream: when it is dead, and when to try again. */
export interface StreamTiming {
  /** No byte (not even a heartbeat) for this long: the stream is dead. Above the server's beat. */
  silenceTimeoutMs: number;
  /** The first retry's ceiling; doubles each failed attempt… */
  reconnectBaseMs: number;
  /** …up to this cap. */
  reconnectMaxMs: number;
}

export const defaultStreamTiming: StreamTiming = {
  silenceTimeoutMs: 45_000,
  reconnectBaseMs: 1_000,
  reconnectMaxMs: 30_000,
};

/**
 * The wait before reconnect attempt `failures` (0 after a clean end): exponential, capped, with
 * jitter in its upper half so a server restart does not get every desk back at the same
 * instant. A server's `retry:` hint is the least wait.
 */
export function reconnectDelayMs(
  failures: number,
  timing: Pick<StreamTiming, 'reconnectBaseMs' | 'reconnectMaxMs'>,
  hintMs: number | null = null,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    timing.reconnectMaxMs,
    timing.reconnectBaseMs * 2 ** Math.min(failures, 20),
  );
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return Math.min(timing.reconnectMaxMs, Math.max(jittered, hintMs ?? 0));
}
