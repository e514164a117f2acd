import { z } from 'zod';
import { id, isoDateTime } from '../domain/primitives';

/**
 * The access audit: who touched which customer, when. Desks record reveals of masked fields,
 * customers opened outside a live call and searches, and push them; the server records exports
 * and studio publications itself. On the server the audit is append-only: a row is keyed by the
 * id the desk made, with a hash of its content, and the same id with another content is refused
 * (and counted), so a replayed or edited desk cannot change what it already pushed.
 */
export const accessKind = z.enum([
  'pii_revealed',
  'pii_reveal_refused',
  'customer_opened',
  'search',
  'export',
  'studio_published',
  'supervisor_alerted',
]);
export type AccessKind = z.infer<typeof accessKind>;

/** Kinds only a desk pushes: all but exports and publications, which the server writes itself. */
const deskAccessKind = accessKind.exclude(['export', 'studio_published']);

const detailValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

export const accessPush = z
  .object({
    /** UUIDv7 made on the desk when it recorded the access. */
    id: z.string().uuid().max(36),
    kind: deskAccessKind,
    customerId: id.nullable(),
    callId: z.string().trim().min(1).max(128).nullable(),
    detail: z.record(z.string().max(64), detailValue).refine((d) => Object.keys(d).length <= 20, {
      message: 'at most 20 detail fields',
    }),
    /** When the desk recorded it. */
    at: isoDateTime,
  })
  .strict();
export type AccessPush = z.infer<typeof accessPush>;

export const accessPushRequest = z
  .object({ entries: z.array(accessPush).min(1).max(500) })
  .strict();

export const accessPushStatus = z.enum(['accepted', 'duplicate', 'conflict']);
export type AccessPushStatus = z.infer<typeof accessPushStatus>;

export const accessPushResponse = z.object({
  results: z.array(z.object({ id: z.string(), status: accessPushStatus })),
});
export type AccessPushResponse = z.infer<typeof accessPushResponse>;

/** One row of the audit as supervisors and retailer admins read it. */
export const accessEntry = z.object({
  id: z.string(),
  kind: accessKind,
  agentId: z.string(),
  centerId: z.string().nullable(),
  customerId: z.string().nullable(),
  callId: z.string().nullable(),
  detail: z.record(z.string(), detailValue),
  at: z.string(),
  receivedAt: z.string(),
});
export type AccessEntry = z.infer<typeof accessEntry>;

export const accessQuery = z.object({
  agentId: id.optional(),
  customerId: id.optional(),
  centerId: id.optional(),
  kind: accessKind.optional(),
  /** Inclusive; bounds the desk's `at`. */
  from: isoDateTime.optional(),
  /** Exclusive. */
  to: isoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AccessQuery = z.infer<typeof accessQuery>;

export const accessList = z.object({
  entries: z.array(accessEntry),
  /** Pushes refused because they tried to change a row already recorded (this scope). */
  conflicts: z.number().int(),
});
export type AccessList = z.infer<typeof accessList>;

export const accessExportQuery = accessQuery.omit({ limit: true }).extend({
  format: z.enum(['ndjson', 'csv']).default('ndjson'),
});

export const ACCESS_EXPORT_CSV_COLUMNS = [
  'id',
  'kind',
  'agentId',
  'centerId',
  'customerId',
  'callId',
  'at',
  'receivedAt',
  'detail',
] as const;

/**
 * The retailer's refusal of customer data to an agent whose desk a `lock_desk` bulk-access
 * policy locked (HTTP 423), until a supervisor takes the policy's alert: a desk that ignores
 * its own lock still gets nothing.
 */
export const DESK_LOCKED_BY_POLICY_CODE = 'desk_locked_by_policy';
export const DESK_LOCKED_BY_POLICY_STATUS = 423;
