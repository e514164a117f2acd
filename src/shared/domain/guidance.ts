import { z } from 'zod';
import { customerTier } from './customer';
import { freeText, id, recordTime, language, oneLine, printable } from './primitives';

/** A taxonomy code: lower-case letters, digits, `_` and `.`. */
const code = z
  .string()
  .max(64)
  .regex(/^[a-z0-9_.]+$/);

/** One node of the retailer's hierarchical call-reason taxonomy. */
export const reasonNode = z.object({
  code,
  parentCode: code.nullable(),
  labelJa: oneLine(200).min(1),
  labelEn: oneLine(200).min(1),
  /** Whether a call for this reason is avoidable unless the agent says otherwise. */
  avoidableDefault: z.boolean(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type ReasonNode = z.infer<typeof reasonNode>;

export const scriptBranch = z.object({ label: oneLine(200).min(1), next: printable(64).min(1) });

export const scriptStep = z.object({
  id: printable(64).min(1),
  /** Markdown with `{{variables}}`; always rendered as text, never as HTML. */
  text: freeText(10_000),
  compliance: z.boolean().default(false),
  branches: z.array(scriptBranch).max(20).default([]),
});
export type ScriptStep = z.infer<typeof scriptStep>;

export const scriptTriggers = z.object({
  reasons: z.array(printable(64)).max(200).default([]),
  tiers: z.array(customerTier).max(10).default([]),
  /**
   * The partner centers whose agents get the script (the studio's audience); absent or empty:
   * every center. Optional so records published before the studio still parse.
   */
  centers: z.array(id).max(100).optional(),
});

/** A published, immutable version of a call script in one language. */
export const scriptVersion = z.object({
  scriptId: id,
  version: z.number().int().min(1),
  language,
  title: oneLine(200).min(1),
  triggers: scriptTriggers,
  steps: z.array(scriptStep).min(1).max(200),
  releaseNotes: freeText(2000),
  publishedAt: recordTime,
});
export type ScriptVersion = z.infer<typeof scriptVersion>;

/** An approved answer from the retailer's knowledge base. */
export const knowledgeAnswer = z.object({
  id,
  version: z.number().int().min(1),
  language,
  title: oneLine(200).min(1),
  body: freeText(20_000),
  tags: z.array(oneLine(100)).max(50),
  publishedAt: recordTime,
  /**
   * The partner centers whose agents see it; absent or empty: every center. Optional, so
   * answers from older publishers and older desktops' caches read as before.
   */
  centers: z.array(id).max(100).optional(),
});
export type KnowledgeAnswer = z.infer<typeof knowledgeAnswer>;

/** A retailer rule that allows a next-best-action; `params` are interpreted by its kind. */
export const policy = z.object({
  id,
  kind: z.enum([
    'vip_free_exchange',
    'delay_coupon',
    'reship',
    'store_pickup',
    'refund_limit',
    'claim_verification',
    'harassment_protocol',
    /** `idleMinutes`: how long a desk may sit without input before it locks (default 10). */
    'desk_lock',
    /**
     * `sensitiveFields` (comma-separated: address, email, phone, birthday) masked in the core;
     * `activeWithinDays`: customers not active for longer are not kept on desks.
     */
    'data_protection',
    /**
     * `metric` (opened_outside_call, reveals, search_sweep), `threshold`, `windowMinutes`,
     * `action` (notify_supervisor, notify_admin, lock_desk): see bulk-access-policies.ts.
     */
    'bulk_access',
  ]),
  labelJa: oneLine(200),
  labelEn: oneLine(200),
  params: z
    .record(printable(64), z.union([freeText(1000), z.number(), z.boolean()]))
    .refine((p) => Object.keys(p).length <= 50, 'at most 50 parameters'),
  active: z.boolean(),
  updatedAt: recordTime,
});
export type Policy = z.infer<typeof policy>;
