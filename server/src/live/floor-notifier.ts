import { EventEmitter } from 'node:events';
import type pg from 'pg';

const CHANNEL = 'koe_floor';

/** What changed on a tenant's floor: an alert's stage, or an agent's state. */
export type FloorChange =
  { kind: 'alert'; alertId: string; stage: string } | { kind: 'agent'; agentId: string };

/**
 * Tells every server process that something changed on a tenant's floor, so each can read it
 * once and push it to the supervisors' (and the agent's) event streams it holds. The notice
 * carries ids only: a note can be longer than a NOTIFY payload may be (8,000 bytes), and each
 * process reads the committed rows anyway. In one process an EventEmitter is enough; over
 * PostgreSQL the notice crosses processes with LISTEN/NOTIFY, like the change notifier.
 */
export interface FloorNotifier {
  /** Call after the change committed. */
  publish(tenantId: string, change: FloorChange): Promise<void>;
  subscribe(listener: (tenantId: string, change: FloorChange) => void): () => void;
  close(): Promise<void>;
}

export async function createFloorNotifier(pool: pg.Pool | null): Promise<FloorNotifier> {
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const deliver = (tenantId: string, change: FloorChange) => local.emit('change', tenantId, change);
  const subscribe = (listener: (tenantId: string, change: FloorChange) => void) => {
    local.on('change', listener);
    return () => void local.off('change', listener);
  };

  if (!pool) {
    return {
      publish: async (tenantId, change) => void deliver(tenantId, change),
      subscribe,
      close: async () => {},
    };
  }

  const listener = await pool.connect();
  listener.on('notification', (message) => {
    if (message.channel !== CHANNEL || !message.payload) return;
    try {
      const { tenantId, change } = JSON.parse(message.payload) as {
        tenantId: string;
        change: FloorChange;
      };
      deliver(tenantId, change);
    } catch {
      // Not ours: only this module notifies on the channel.
    }
  });
  await listener.query(`LISTEN ${CHANNEL}`);
  return {
    // Delivered to every process, this one included, through PostgreSQL.
    publish: async (tenantId, change) => {
      await pool.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify({ tenantId, change })]);
    },
    subscribe,
    close: async () => {
      await listener.query(`UNLISTEN ${CHANNEL}`).catch(() => {});
      listener.release();
    },
  };
}
