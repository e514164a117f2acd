import { EventEmitter } from 'node:events';
import type pg from 'pg';

const CHANNEL = 'koe_changes';

/**
 * Tells connected desktops that a tenant has new changes (a script was published, data was
 * pushed in) so they pull within seconds. In one process an EventEmitter is enough; over
 * PostgreSQL the notice crosses processes with LISTEN/NOTIFY, so any process behind the load
 * balancer can hold the client's event stream.
 */
export interface ChangeNotifier {
  /** Call after the change committed. */
  publish(tenantId: string, cursor: number): Promise<void>;
  subscribe(tenantId: string, listener: (cursor: number) => void): () => void;
  close(): Promise<void>;
}

export async function createChangeNotifier(pool: pg.Pool | null): Promise<ChangeNotifier> {
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const deliver = (tenantId: string, cursor: number) => local.emit(tenantId, cursor);

  if (!pool) {
    return {
      publish: async (tenantId, cursor) => void deliver(tenantId, cursor),
      subscribe: (tenantId, listener) => {
        local.on(tenantId, listener);
        return () => local.off(tenantId, listener);
      },
      close: async () => {},
    };
  }

  const listener = await pool.connect();
  listener.on('notification', (message) => {
    if (message.channel !== CHANNEL || !message.payload) return;
    const separator = message.payload.lastIndexOf(':');
    deliver(message.payload.slice(0, separator), Number(message.payload.slice(separator + 1)));
  });
  await listener.query(`LISTEN ${CHANNEL}`);
  return {
    // Delivered to every process, this one included, through PostgreSQL.
    publish: async (tenantId, cursor) => {
      await pool.query('select pg_notify($1, $2)', [CHANNEL, `${tenantId}:${cursor}`]);
    },
    subscribe: (tenantId, fn) => {
      local.on(tenantId, fn);
      return () => local.off(tenantId, fn);
    },
    close: async () => {
      await listener.query(`UNLISTEN ${CHANNEL}`).catch(() => {});
      listener.release();
    },
  };
}
