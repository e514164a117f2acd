import { z } from 'zod';
import { customerTier } from './customer';
import { id, isoDateTime, language } from './primitives';

/** One node of the retailer's hierarchical call-reason taxonomy. */
export const reasonNode = z.object({
  code: z.string().regex(/^[a-z0-9_.]+$/),
  parentCode: z.string().nullable(),
  labelJa: z.string().min(1),
  labelEn: z.string().min(1),
  /** Whether a call for this reason is avoidable unless the agent says otherwise. */
  avoidableDefault: z.boolean(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type ReasonNode = z.infer<typeof reasonNode>;

export const scriptBranch = z.object({ label: z.string().min(1), next: z.string().min(1) });

export const scriptStep = z.object({
  id: z.string().min(1),
  /** Markdown with `{{variables}}`; always rendered as text, never as HTML. */
  text: z.string(),
  compliance: z.boolean().default(false),
  branches: z.array(scriptBranch).default([]),
});
export type ScriptStep = z.infer<typeof scriptStep>;

export const scriptTriggers = z.object({
  reasons: z.array(z.string()).default([]),
  tiers: z.array(customerTier).default([]),
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
  title: z.string().min(1),
  triggers: scriptTriggers,
  steps: z.array(scriptStep).min(1),
  releaseNotes: z.string(),
  publishedAt: isoDateTime,
});
export type ScriptVersion = z.infer<typeof scriptVersion>;

/** An approved answer from the retailer's knowledge base. */
export const knowledgeAnswer = z.object({
  id,
  version: z.number().int().min(1),
  language,
  title: z.string().min(1),
  body: z.string(),
  tags: z.array(z.string()),
  publishedAt: isoDateTime,
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
     * `metric` (opened_outside_call, reveals, search_sweep), `threshold`, `windowMinutes`,
     * `action` (notify_supervisor, notify_admin, lock_desk): see bulk-access-policies.ts.
     */
    'bulk_access',
  ]),
  labelJa: z.string(),
  labelEn: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  active: z.boolean(),
  updatedAt: isoDateTime,
});
export type Policy = z.infer<typeof policy>;
