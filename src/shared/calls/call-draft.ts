import { z } from 'zod';
import { id, isoDateTime } from '../domain/primitives';
import { harassmentIncident, outreachOutcome, resolution, sentiment } from '../domain/voc';

/**
 * What the agent has done on a call that is not saved anywhere else yet: the customer they
 * confirmed, the harassment protocol, where they are in the script and — once the call ended —
 * the wrap-up they are filling in. The core keeps it per call, on disk, until the wrap-up is
 * saved: a second call, a reload of the window or a crash of the app loses none of it.
 *
 * Everything here crosses IPC from the renderer, so every field is bounded.
 */

const reasonCode = z
  .string()
  .regex(/^[a-z0-9_.]+$/)
  .max(100);
const stepId = z.string().max(64);

/** The wrap-up form as the agent left it (the renderer's `WrapUpFormState`, minus display). */
export const wrapUpFormDraft = z
  .object({
    reasonCodes: z.array(reasonCode).max(5),
    sentiment: sentiment.nullable(),
    resolution: resolution.nullable(),
    /** The agent's own answer; null while it follows the primary reason's default. */
    avoidableChoice: z.boolean().nullable(),
    customerWords: z.string().max(4000),
    orderId: id.nullable(),
    /** The promised callback (resolution callback); absent in drafts from before it existed. */
    callbackAt: isoDateTime.nullable().optional(),
  })
  .strict();
export type WrapUpFormDraft = z.infer<typeof wrapUpFormDraft>;

/**
 * What the record says about the call itself, fixed when the wrap-up opened: the reason Koe
 * predicted then, the script version the agent read and the steps taken. Worked out again later
 * it could differ (a new script, a refitted model), and the record would then describe
 * another call.
 */
export const wrapUpContextDraft = z
  .object({
    customerId: id.nullable(),
    predictedReason: reasonCode.nullable(),
    script: z
      .object({
        scriptId: stepId,
        version: z.number().int().min(1),
        steps: z.array(stepId).max(200).optional(),
      })
      .strict()
      .nullable(),
    nextBestActions: z.array(stepId).max(50).optional(),
    /** The offered actions the agent marked as done during the call. */
    nextBestActionsDone: z.array(stepId).max(50).optional(),
    harassment: harassmentIncident.nullable(),
  })
  .strict();
export type WrapUpContextDraft = z.infer<typeof wrapUpContextDraft>;

export const wrapUpDraft = z
  .object({
    form: wrapUpFormDraft,
    context: wrapUpContextDraft,
    /** A proactive call's outcome, chosen beside the form. */
    outreachOutcome: outreachOutcome.nullable(),
  })
  .strict();
export type WrapUpDraft = z.infer<typeof wrapUpDraft>;

const harassmentState = z
  .object({
    stage: z.enum(['idle', 'warn', 'monitor', 'terminate', 'terminated']),
    warningsRequired: z.number().int().min(0).max(10),
    warningsGiven: z.number().int().min(0).max(10),
    demandRepeats: z.number().int().min(0).max(1000),
    flaggedAt: isoDateTime.nullable(),
    terminatedAt: isoDateTime.nullable(),
    terminatedEarly: z.boolean(),
  })
  .strict();

export const callDraft = z
  .object({
    /** The customer the agent confirmed (null: a new caller); absent while none is chosen. */
    customerId: id.nullable().optional(),
    harassment: harassmentState,
    harassmentNote: z.string().max(2000),
    supervisorAlerts: z
      .array(
        z
          .object({
            stage: z.enum(['warn', 'monitor', 'terminate', 'terminated']),
            at: isoDateTime,
          })
          .strict(),
      )
      .max(4),
    script: z
      .object({ scriptId: stepId, path: z.array(stepId).max(200) })
      .strict()
      .nullable(),
    /** The next-best-actions (kinds) the agent marked as done; absent in older drafts. */
    nextBestActionsDone: z.array(stepId).max(50).optional(),
    /** Null until the call ends and its wrap-up opens. */
    wrapUp: wrapUpDraft.nullable(),
  })
  .strict();
export type CallDraft = z.infer<typeof callDraft>;
