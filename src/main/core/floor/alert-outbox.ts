import type Sqlite from 'better-sqlite3';
import type { DeskAlert, DeskAlertStatus } from '../../../shared/floor-ipc';
import { redactPaymentData } from '../../../shared/guidance/redact-payment-data';
import type {
  AlertKind,
  AlertProtocolStage,
  AlertPush,
  AlertPushResponse,
  FloorAlert,
} from '../../../shared/protocol/supervisor-alerts';
import { uuidV7 } from '../../../shared/uuid-v7';
import { sendBatches } from '../retailer-client';
import { createOutboxDrain } from '../sync';

/** Sends alerts to the retailer; throws when it cannot (offline, signed out, refused). */
export type SendAlerts = (alerts: AlertPush[]) => Promise<AlertPushResponse['results']>;

export interface RaiseAlert {
  kind: AlertKind;
  callId: string | null;
  customerId: string | null;
  protocolStage: AlertProtocolStage | null;
  note: string;
}

export interface AlertOutbox {
  /**
   * Keeps the alert durably, then sends it at once. A harassment alert is one per call: a later
   * stage of the protocol updates it (and is sent again).
   */
  raise(alert: RaiseAlert): DeskAlert;
  /** Sends what is waiting now; resolves with how many the retailer took. */
  flush(): Promise<number>;
  /** What the retailer says became of an alert of this desk (taken, escalated). */
  applyServer(alert: FloorAlert): void;
  /** The alerts of the last 12 hours, newest first. */
  list(): DeskAlert[];
  onChanged(listener: (alerts: DeskAlert[]) => void): () => void;
  close(): void;
}

interface AlertRow {
  id: string;
  kind: AlertKind;
  call_id: string | null;
  customer_id: string | null;
  protocol_stage: AlertProtocolStage | null;
  note: string;
  raised_at: string;
  pending: number;
  delivered_at: string | null;
  acknowledged_by_name: string | null;
  acknowledged_at: string | null;
  escalated_at: string | null;
  attempts: number;
  last_error: string | null;
  refused: number;
}

const WINDOW_MS = 12 * 60 * 60_000;

/**
 * The alerts this desk raised, on their way to the retailer and back: written to the cache
 * first (a desk offline or restarted loses none), sent at once, retried with backoff, and sent
 * again when the sync reconnects. The row is also what the agent's screen reports: until the
 * retailer has taken the alert, the screen says that no supervisor has been told.
 */
export function createAlertOutbox(options: {
  sqlite: Sqlite.Database;
  send: SendAlerts;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
}): AlertOutbox {
  const { sqlite, send } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const byId = sqlite.prepare('select * from supervisor_alerts where id = ?');
  const harassmentOfCall = sqlite.prepare(
    `select * from supervisor_alerts where kind = 'harassment' and call_id = ? order by raised_at desc limit 1`,
  );
  const insert = sqlite.prepare(
    `insert into supervisor_alerts (id, kind, call_id, customer_id, protocol_stage, note, raised_at)
     values (@id, @kind, @call_id, @customer_id, @protocol_stage, @note, @raised_at)`,
  );
  const update = sqlite.prepare(
    `update supervisor_alerts set protocol_stage = ?, note = ?, customer_id = ?, pending = 1, refused = 0
     where id = ?`,
  );
  const waiting = sqlite.prepare(
    'select * from supervisor_alerts where pending = 1 and refused = 0 order by raised_at limit 100',
  );
  const delivered = sqlite.prepare(
    `update supervisor_alerts set pending = 0, attempts = 0, last_error = null,
       delivered_at = coalesce(delivered_at, ?) where id = ? and protocol_stage is ? and note = ?`,
  );
  const failed = sqlite.prepare(
    'update supervisor_alerts set attempts = attempts + 1, last_error = ? where id = ?',
  );
  const refuse = sqlite.prepare(
    'update supervisor_alerts set refused = 1, last_error = ? where id = ?',
  );
  const fromServer = sqlite.prepare(
    `update supervisor_alerts set
       delivered_at = coalesce(delivered_at, @received_at),
       acknowledged_by_name = coalesce(acknowledged_by_name, @by_name),
       acknowledged_at = coalesce(acknowledged_at, @ack_at),
       escalated_at = coalesce(escalated_at, @escalated_at)
     where id = @id`,
  );
  const recent = sqlite.prepare(
    'select * from supervisor_alerts where raised_at >= ? order by raised_at desc',
  );
  const listeners = new Set<(alerts: DeskAlert[]) => void>();
  const outbox = createOutboxDrain({ drain, failure: 'Sending alerts failed', log });
  let lastIdMs = 0;

  const list = (): DeskAlert[] =>
    (recent.all(new Date(now() - WINDOW_MS).toISOString()) as AlertRow[]).map(deskAlert);
  const changed = () => {
    if (listeners.size === 0) return;
    const alerts = list();
    for (const listener of [...listeners]) listener(alerts);
  };

  function drain(): Promise<number> {
    return sendBatches<AlertRow>({
      next: () => waiting.all() as AlertRow[],
      async send(rows) {
        const results = await send(rows.map(pushOf));
        const receivedAt = new Map(results.map((r) => [r.id, r.receivedAt]));
        sqlite.transaction(() => {
          for (const row of rows) {
            // Only the content that was sent: a stage raised meanwhile stays pending.
            delivered.run(
              receivedAt.get(row.id) ?? new Date(now()).toISOString(),
              row.id,
              row.protocol_stage,
              row.note,
            );
          }
        })();
        changed();
      },
      refused(rows, error) {
        for (const row of rows) refuse.run(error.message, row.id);
        log(`The retailer refused alerts: ${error.message}`);
        changed();
      },
      failed(rows, error) {
        for (const row of rows) failed.run((error as Error).message, row.id);
        changed();
        outbox.retryLater(Math.max(...rows.map((r) => r.attempts)));
      },
    });
  }

  return {
    raise(alert) {
      // A card number read out on the call never reaches the disk or the retailer.
      const note = redactPaymentData(alert.note).text;
      const existing =
        alert.kind === 'harassment' && alert.callId
          ? (harassmentOfCall.get(alert.callId) as AlertRow | undefined)
          : undefined;
      let id: string;
      if (existing) {
        id = existing.id;
        if (existing.protocol_stage !== alert.protocolStage || existing.note !== note)
          update.run(alert.protocolStage, note, alert.customerId, id);
      } else {
        id = uuidV7((lastIdMs = Math.max(now(), lastIdMs + 1)));
        insert.run({
          id,
          kind: alert.kind,
          call_id: alert.callId,
          customer_id: alert.customerId,
          protocol_stage: alert.protocolStage,
          note,
          raised_at: new Date(now()).toISOString(),
        });
      }
      changed();
      outbox.kick();
      return deskAlert(byId.get(id) as AlertRow);
    },
    flush: outbox.flush,
    applyServer(alert) {
      const row = byId.get(alert.id) as AlertRow | undefined;
      if (!row) return;
      fromServer.run({
        id: alert.id,
        received_at: alert.receivedAt,
        by_name: alert.acknowledged?.byName ?? null,
        ack_at: alert.acknowledged?.at ?? null,
        escalated_at: alert.escalatedAt,
      });
      changed();
    },
    list,
    onChanged(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close: outbox.close,
  };
}

function pushOf(row: AlertRow): AlertPush {
  return {
    id: row.id,
    // Only the desk's own kinds are ever written to this table (raise() takes no other).
    kind: row.kind === 'harassment' ? 'harassment' : 'help',
    protocolStage: row.protocol_stage,
    callId: row.call_id,
    customerId: row.customer_id,
    note: row.note,
    raisedAt: row.raised_at,
  };
}

function statusOf(row: AlertRow): DeskAlertStatus {
  if (row.acknowledged_at) return 'acknowledged';
  if (row.escalated_at) return 'escalated';
  if (row.delivered_at) return 'told';
  return row.refused ? 'refused' : 'not_told';
}

function deskAlert(row: AlertRow): DeskAlert {
  return {
    id: row.id,
    kind: row.kind,
    callId: row.call_id,
    customerId: row.customer_id,
    protocolStage: row.protocol_stage,
    raisedAt: row.raised_at,
    status: statusOf(row),
    deliveredAt: row.delivered_at,
    acknowledged:
      row.acknowledged_at && row.acknowledged_by_name
        ? { byName: row.acknowledged_by_name, at: row.acknowledged_at }
        : null,
    escalatedAt: row.escalated_at,
    lastError: row.last_error,
  };
}
