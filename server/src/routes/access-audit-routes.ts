import { Readable } from 'node:stream';
import { uuidV7 } from '../../../src/shared/uuid-v7';
import type { BulkAccessRule } from '../../../src/shared/access-audit/bulk-access-policies';
import {
  ACCESS_EXPORT_CSV_COLUMNS,
  accessExportQuery,
  accessList,
  accessPushRequest,
  accessPushResponse,
  accessQuery,
  type AccessEntry,
} from '../../../src/shared/protocol/access-audit';
import type { Principal } from '../auth/access-tokens';
import {
  countConflicts,
  evaluateBulkAccess,
  readAccesses,
  recordAccesses,
  auditExport,
  tenantBulkAccessRules,
  type AccessScope,
  type PolicyFiring,
} from '../data/access-audit';
import { recordServerAlert } from '../data/incidents';
import type { ServerStore } from '../db/connect';
import { centerScope } from '../auth/center-scope';
import { ALL_ROLES, defineRoute, SUPERVISOR_ROLES, type RouteSpec } from '../http/route';
import type { FloorNotifier } from '../live/floor-notifier';
import { csvField } from './voc-export-routes';

const EXPORT_PAGE_ROWS = 1_000;

/** The note of a policy's alert; `[lock_desk]` tells the agent's desk to lock (see floor-desk). */
export function bulkAccessNote(rule: BulkAccessRule, count: number): string {
  return `[${rule.action}] ${rule.policyId}: ${rule.metric} ${count} > ${rule.threshold} in ${rule.windowMinutes} min`;
}

/**
 * The access audit on the server: desks push what their agents touched (append-only, keyed by
 * the desk's id with a content hash), the bulk-access policies are evaluated from the rows here
 * (an edited desk cannot skip them), and supervisors (their center) and retailer admins (the
 * tenant) read and export it.
 */
export function accessAuditRoutes({
  store,
  floor,
}: {
  store: ServerStore;
  floor: FloorNotifier;
}): RouteSpec[] {
  const db = store.db;

  const scopeOf: (principal: Principal, centerId?: string) => AccessScope = centerScope;

  /** Each firing is an alert on the floor's path: to the center's supervisors, or escalated. */
  const act = async (principal: Principal, firings: PolicyFiring[]) => {
    for (const firing of firings) {
      const centerId = firing.centerId;
      if (!centerId) continue;
      const id = uuidV7();
      const escalated = firing.rule.action === 'notify_admin';
      // One transaction: an escalated alert and its webhook deliveries are written together.
      await db.transaction().execute((trx) =>
        recordServerAlert(
          trx,
          { tenantId: principal.tenantId, agentId: firing.agentId, centerId },
          {
            id,
            kind: 'bulk_access',
            note: bulkAccessNote(firing.rule, firing.count),
            policy: { ...firing.rule, count: firing.count },
            escalated,
          },
          new Date().toISOString(),
        ),
      );
      await floor.publish(principal.tenantId, { kind: 'alert', alertId: id, stage: 'raised' });
      // The floor shows the agent locked from now on (floor-presence).
      if (firing.rule.action === 'lock_desk')
        await floor.publish(principal.tenantId, { kind: 'agent', agentId: firing.agentId });
      if (escalated)
        await floor.publish(principal.tenantId, {
          kind: 'alert',
          alertId: id,
          stage: 'escalated',
        });
    }
  };

  return [
    defineRoute({
      method: 'POST',
      url: '/v1/audit/accesses',
      summary:
        "Append the signed-in user's accesses (append-only: idempotent by id, a changed row is refused)",
      roles: ALL_ROLES,
      body: accessPushRequest,
      response: accessPushResponse,
      rateLimitPerMinute: 600,
      handler: async ({ principal, body }) => {
        const author = {
          tenantId: principal.tenantId,
          agentId: principal.userId,
          centerId: principal.centerId,
        };
        const receivedAt = new Date().toISOString();
        const { results, firings } = await db.transaction().execute(async (trx) => {
          const results = await recordAccesses(trx, author, body.entries, receivedAt);
          const accepted = body.entries.filter((e, i) => results[i]!.status === 'accepted');
          if (accepted.length === 0) return { results, firings: [] };
          const rules = await tenantBulkAccessRules(trx, principal.tenantId);
          const latest = accepted
            .map((e) => e.at)
            .sort()
            .at(-1)!;
          return { results, firings: await evaluateBulkAccess(trx, author, rules, latest) };
        });
        // Announced after the commit: a process that reads the alert finds it.
        await act(principal, firings);
        return { results };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/audit/accesses',
      summary: 'The access audit, filtered by agent, customer, kind and time (newest first)',
      roles: SUPERVISOR_ROLES,
      query: accessQuery,
      response: accessList,
      handler: async ({ principal, query }) => {
        const { limit, ...filters } = query;
        const scope = scopeOf(principal, query.centerId);
        return {
          entries: await readAccesses(db, scope, filters, { limit }),
          conflicts: await countConflicts(db, scope),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/audit/export',
      summary: 'Export the access audit (streamed NDJSON or CSV)',
      roles: SUPERVISOR_ROLES,
      query: accessExportQuery,
      rateLimitPerMinute: 30,
      handler: async ({ principal, query, reply }) => {
        const { format, ...filters } = query;
        const scope = scopeOf(principal, query.centerId);
        // The export is itself an access: recorded before the first row leaves.
        await auditExport(db, principal, {
          what: 'access_audit',
          format,
          centerId: scope.centerId ?? null,
        });
        async function* chunks(): AsyncGenerator<string> {
          if (format === 'csv') yield `\uFEFF${ACCESS_EXPORT_CSV_COLUMNS.join(',')}\r\n`;
          let after: { at: string; id: string } | undefined;
          for (;;) {
            const rows = await readAccesses(
              db,
              scope,
              { ...filters, ...(after ? { after } : {}) },
              { limit: EXPORT_PAGE_ROWS, ascending: true },
            );
            let out = '';
            for (const row of rows)
              out += format === 'csv' ? csvLine(row) : `${JSON.stringify(row)}\n`;
            if (out) yield out;
            if (rows.length < EXPORT_PAGE_ROWS) return;
            const last = rows[rows.length - 1]!;
            after = { at: last.at, id: last.id };
          }
        }
        void reply
          .type(
            format === 'csv'
              ? 'text/csv; charset=utf-8; header=present'
              : 'application/x-ndjson; charset=utf-8',
          )
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="access-audit.${format}"`);
        return Readable.from(chunks(), { objectMode: false, highWaterMark: 64 * 1024 });
      },
    }),
  ];
}

function csvLine(row: AccessEntry): string {
  return (
    [
      row.id,
      row.kind,
      row.agentId,
      row.centerId,
      row.customerId,
      row.callId,
      row.at,
      row.receivedAt,
      JSON.stringify(row.detail),
    ]
      .map(csvField)
      .join(',') + '\r\n'
  );
}
