import { touchPresence, type DeskOf } from '../data/floor-presence';
import type { ServerDb } from '../db/schema';

/**
 * The desks heard from, their routine reports written together every `flushMs` (touchPresence)
 * instead of one round trip and commit per desk: every open event stream reports its desk every
 * few seconds, and at 2,000 desks those writes alone kept the process's database pool busy ahead
 * of VoC pushes and data batches (server/README.md, load test). A routine report is written at
 * most `flushMs` late, far inside the presence expiry; a desk that just connected is written at
 * once. A desk the floor had shown offline is announced back (`back`) once its write committed.
 */
export function presenceWrites(
  db: ServerDb,
  back: (desk: DeskOf) => Promise<void>,
  log: (message: string, error?: unknown) => void,
  flushMs = 250,
): { touch(desk: DeskOf, later?: boolean): void; stop(): Promise<void> } {
  const pending = new Map<string, DeskOf>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();
  let stopped = false;
  const flush = () => {
    timer = null;
    const desks = [...pending.values()];
    pending.clear();
    // One write at a time: a slow one delays the next rather than piling up connections.
    writing = writing.then(async () => {
      try {
        const returned = await touchPresence(db, desks, new Date().toISOString());
        for (const desk of returned) await back(desk);
      } catch (error) {
        log('Presence could not be recorded', error);
      }
    });
  };
  return {
    /** `later`: within `flushMs`, with other desks'; otherwise now (and what is pending). */
    touch(desk, later = false) {
      if (stopped) return;
      pending.set(`${desk.tenantId}/${desk.agentId}`, desk);
      if (later) {
        timer ??= setTimeout(flush, flushMs);
        return;
      }
      if (timer) clearTimeout(timer);
      flush();
    },
    async stop() {
      stopped = true;
      if (timer) {
        clearTimeout(timer);
        flush();
      }
      await writing;
    },
  };
}
