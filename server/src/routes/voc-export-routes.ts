import { Readable } from 'node:stream';
import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { cleanText } from '../../../src/shared/domain/primitives';
import { vocContactType, type VocRecord } from '../../../src/shared/domain/voc';
import {
  csvList,
  csvRiskReasons,
  csvRiskSignals,
  VOC_EXPORT_CSV_COLUMNS,
  vocExportQuery,
  vocExportRow,
  vocStatsQuery,
  vocStatsResponse,
  type VocExportRow,
  type VocStatsGroup,
} from '../../../src/shared/protocol/voc-export';
import type { ServerDialect, ServerStore } from '../db/connect';
import type { ServerDatabase } from '../db/schema';
import { defineRoute, type RouteSpec } from '../http/route';
import { auditExport } from '../data/access-audit';
import { VOC_READER_ROLES, vocReadCenter } from '../auth/voc-read-scope';
import { storedJson } from '../data/stored-json';

/** Rows per query of the export: one keyset page, written out before the next is read. */
export const EXPORT_PAGE_ROWS = 1_000;
const EXPORT_URL = '/v1/voc/export';

export interface VocExportDeps {
  store: ServerStore;
}

/**
 * How a retailer gets its VoC back: a streamed export (NDJSON or CSV) and aggregated statistics.
 * A retailer admin sees the whole tenant; a supervisor or trainer only their own center.
 */
export function vocExportRoutes({ store }: VocExportDeps): RouteSpec[] {
  const { db, dialect } = store;
  const json = jsonFields(dialect);
  return [
    defineRoute({
      method: 'GET',
      url: EXPORT_URL,
      summary: 'Export VoC records (streamed NDJSON or CSV)',
      roles: VOC_READER_ROLES,
      query: vocExportQuery,
      rateLimitPerMinute: 30,
      handler: async ({ principal, query, reply }) => {
        const filters = { ...query, centerId: vocReadCenter(principal, query.centerId) };
        // The export is an access of the customers' words: recorded before a row leaves.
        await auditExport(db, principal, {
          what: 'voc',
          format: query.format,
          centerId: filters.centerId ?? null,
          from: query.from ?? null,
          to: query.to ?? null,
        });
        async function* chunks(): AsyncGenerator<string> {
          if (query.format === 'csv') yield `\uFEFF${VOC_EXPORT_CSV_COLUMNS.join(',')}\r\n`;
          let after: Cursor | null = null;
          for (;;) {
            const cursor: Cursor | null = after;
            const rows: { id: string; data: string; received_at: string }[] = await filtered(
              db.selectFrom('voc_records').select(['id', 'data', 'received_at']),
              principal.tenantId,
              filters,
              json,
            )
              // A row-value comparison, not `a > x or (a = x and id > y)`: SQLite seeks the
              // index to the cursor for it, but walks the OR form from the window's start, which
              // made each page slower than the last (measured: 274 ms vs 10 ms a page at row
              // 300,000; bench/voc-export.bench.ts).
              .$if(cursor !== null, (q) =>
                q.where((eb) =>
                  eb(
                    eb.refTuple('received_at', 'id'),
                    '>',
                    eb.tuple(cursor!.receivedAt, cursor!.id),
                  ),
                ),
              )
              .orderBy('received_at')
              .orderBy('id')
              .limit(EXPORT_PAGE_ROWS)
              .execute();
            let out = '';
            for (const row of rows) {
              const record = {
                revision: 1,
                ...(JSON.parse(row.data) as Omit<VocRecord, 'revision'> & { revision?: number }),
                receivedAt: row.received_at,
              };
              out += query.format === 'csv' ? csvLine(record) : `${JSON.stringify(record)}\n`;
            }
            if (out) yield out;
            if (rows.length < EXPORT_PAGE_ROWS) return;
            const last = rows[rows.length - 1]!;
            after = { receivedAt: last.received_at, id: last.id };
          }
        }
        void reply
          .type(
            query.format === 'csv'
              ? 'text/csv; charset=utf-8; header=present'
              : 'application/x-ndjson; charset=utf-8',
          )
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="voc-export.${query.format}"`);
        // Byte mode with a small high-water mark: at most about one page is read ahead of what
        // the client has taken, whatever the size of the export.
        return Readable.from(chunks(), { objectMode: false, highWaterMark: 64 * 1024 });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/voc/stats',
      summary: 'Aggregate VoC statistics',
      roles: VOC_READER_ROLES,
      query: vocStatsQuery,
      response: vocStatsResponse,
      rateLimitPerMinute: 120,
      handler: async ({ principal, query }) => {
        const filters = { ...query, centerId: vocReadCenter(principal, query.centerId) };
        const key =
          query.groupBy === 'center'
            ? sql<string>`center_id`
            : query.groupBy === 'day'
              ? sql<string>`substr(received_at, 1, 10)`
              : json.primaryReason;
        const count = (condition: RawBuilder<unknown>) =>
          sql<number>`sum(case when ${condition} then 1 else 0 end)`;
        const rows = await filtered(db.selectFrom('voc_records'), principal.tenantId, filters, json)
          .select([
            key.as('key'),
            sql<number>`count(*)`.as('count'),
            count(json.avoidable).as('avoidable'),
            count(sql`${json.resolution} = 'resolved'`).as('resolved'),
            count(sql`${json.resolution} = 'escalated'`).as('escalated'),
            count(sql`${json.resolution} = 'callback'`).as('callback'),
            sql<number>`sum(${json.afterCallWorkSeconds})`.as('acw'),
            sql<number>`count(${json.predictedReason})`.as('predicted'),
            count(sql`${json.predictedReason} = ${json.primaryReason}`).as('agreed'),
          ])
          .groupBy(key)
          .orderBy(sql`count(*)`, 'desc')
          .orderBy(key)
          .execute();
        const groups = rows.map((r): VocStatsGroup => {
          const n = Number(r.count);
          const predicted = Number(r.predicted);
          return {
            key: String(r.key),
            count: n,
            avoidableCount: Number(r.avoidable),
            avoidableShare: n ? Number(r.avoidable) / n : 0,
            resolution: {
              resolved: Number(r.resolved),
              escalated: Number(r.escalated),
              callback: Number(r.callback),
            },
            averageAfterCallWorkSeconds: n ? Number(r.acw) / n : 0,
            predictedCount: predicted,
            predictionAgreementRate: predicted ? Number(r.agreed) / predicted : null,
          };
        });
        return {
          groupBy: query.groupBy,
          from: filters.from ?? null,
          to: filters.to ?? null,
          total: groups.reduce((sum, g) => sum + g.count, 0),
          groups,
        };
      },
    }),
  ];
}

/** The export's 200 answer in /openapi.json: CSV or NDJSON, not the JSON of other routes. */
export function describeVocExport(document: unknown): unknown {
  const paths = (document as { paths?: Record<string, Record<string, unknown>> }).paths;
  const operation = paths?.[EXPORT_URL]?.get as { responses?: Record<string, unknown> } | undefined;
  if (operation?.responses) {
    operation.responses['200'] = {
      description:
        'A stream: one JSON object per line (NDJSON), or CSV (UTF-8 with a byte-order mark, a header row, RFC 4180 quoting)',
      content: {
        'application/x-ndjson': { schema: z.toJSONSchema(vocExportRow, { io: 'output' }) },
        'text/csv': { schema: { type: 'string' } },
      },
    };
  }
  return document;
}

interface Cursor {
  receivedAt: string;
  id: string;
}

interface Filters {
  from?: string | undefined;
  to?: string | undefined;
  centerId?: string | undefined;
  reason?: string | undefined;
  scriptId?: string | undefined;
  scriptVersion?: number | undefined;
}

/** Stored timestamps are `toISOString()` text; bounds in another offset are compared as such. */
const instant = (value: string) => new Date(value).toISOString();

function filtered<QB extends SelectQueryBuilder<ServerDatabase, 'voc_records', object>>(
  qb: QB,
  tenantId: string,
  f: Filters,
  json: JsonFields,
): QB {
  let q = qb.where('tenant_id', '=', tenantId);
  if (f.centerId !== undefined) q = q.where('center_id', '=', f.centerId);
  if (f.from !== undefined) q = q.where('received_at', '>=', instant(f.from));
  if (f.to !== undefined) q = q.where('received_at', '<', instant(f.to));
  if (f.reason !== undefined) q = q.where(json.hasReason(f.reason));
  if (f.scriptId !== undefined) q = q.where(sql<boolean>`${json.scriptId} = ${f.scriptId}`);
  if (f.scriptVersion !== undefined) q = q.where(json.scriptVersionIs(f.scriptVersion));
  return q as QB;
}

/** The record's fields inside its stored JSON text, in each database's dialect. */
interface JsonFields {
  primaryReason: RawBuilder<string>;
  predictedReason: RawBuilder<string | null>;
  resolution: RawBuilder<string>;
  avoidable: RawBuilder<boolean>;
  afterCallWorkSeconds: RawBuilder<number>;
  scriptId: RawBuilder<string | null>;
  scriptVersionIs(version: number): RawBuilder<boolean>;
  hasReason(code: string): RawBuilder<boolean>;
}

function jsonFields(dialect: ServerDialect): JsonFields {
  const data = storedJson(dialect, 'voc_records.data');
  if (dialect === 'sqlite') {
    return {
      primaryReason: sql`json_extract(${data}, '$.reasonCodes[0]')`,
      predictedReason: sql`json_extract(${data}, '$.predictedReason')`,
      resolution: sql`json_extract(${data}, '$.resolution')`,
      avoidable: sql`(json_extract(${data}, '$.avoidable') = 1)`,
      afterCallWorkSeconds: sql`json_extract(${data}, '$.afterCallWorkSeconds')`,
      scriptId: sql`json_extract(${data}, '$.scriptId')`,
      scriptVersionIs: (v) => sql`(json_extract(${data}, '$.scriptVersion') = ${v})`,
      hasReason: (code) =>
        sql`exists (select 1 from json_each(${data}, '$.reasonCodes') as r where r.value = ${code})`,
    };
  }
  return {
    primaryReason: sql`(${data} -> 'reasonCodes' ->> 0)`,
    predictedReason: sql`(${data} ->> 'predictedReason')`,
    resolution: sql`(${data} ->> 'resolution')`,
    avoidable: sql`((${data} ->> 'avoidable') = 'true')`,
    afterCallWorkSeconds: sql`((${data} ->> 'afterCallWorkSeconds')::integer)`,
    scriptId: sql`(${data} ->> 'scriptId')`,
    // Compared as text: no cast that could fail on an odd stored value.
    scriptVersionIs: (v) => sql`((${data} ->> 'scriptVersion') = ${String(v)})`,
    hasReason: (code) => sql`((${data} -> 'reasonCodes') @> jsonb_build_array(${code}::text))`,
  };
}

/**
 * One CSV line (RFC 4180: CRLF, a field with a comma, quote, CR or LF quoted, quotes doubled).
 * Text starting with = + - @ or a tab gets a leading apostrophe, so a spreadsheet never runs a
 * customer's words as a formula; the NDJSON export keeps the exact text.
 */
function csvLine(r: VocExportRow): string {
  const values: Record<(typeof VOC_EXPORT_CSV_COLUMNS)[number], string | number | boolean | null> =
    {
      id: r.id,
      savedAt: r.savedAt,
      receivedAt: r.receivedAt,
      centerId: r.centerId,
      agentId: r.agentId,
      customerId: r.customerId,
      orderId: r.orderId,
      primaryReason: r.reasonCodes[0] ?? null,
      reasons: r.reasonCodes.join(';'),
      predictedReason: r.predictedReason,
      sentiment: r.sentiment,
      resolution: r.resolution,
      avoidable: r.avoidable,
      afterCallWorkSeconds: r.afterCallWorkSeconds,
      scriptId: r.scriptId,
      scriptVersion: r.scriptVersion,
      revision: r.revision,
      harassmentFlagged: r.harassment !== null,
      customerWords: r.customerWords,
      contactType: vocContactType(r),
      outreachOutcome: r.outreachOutcome ?? null,
      scriptSteps: csvList(r.scriptSteps),
      nextBestActions: csvList(r.nextBestActions),
      riskSignals: csvRiskSignals(r.riskSignals),
      riskReasons: csvRiskReasons(r.riskSignals),
      nextBestActionsDone: csvList(r.nextBestActionsDone),
      callbackAt: r.callbackAt ?? null,
    };
  return `${VOC_EXPORT_CSV_COLUMNS.map((c) => csvField(values[c])).join(',')}\r\n`;
}

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  // A control character an older server stored (U+0000 …) never reaches a spreadsheet.
  const clean = cleanText(value);
  const text = /^[=+\-@\t\r]/.test(clean) ? `'${clean}` : clean;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
