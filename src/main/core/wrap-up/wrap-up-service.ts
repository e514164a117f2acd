import type Sqlite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { WrapUpTimes } from '../../../shared/calls/call-session';
import type { VocRecord } from '../../../shared/domain/voc';
import { describeWrapUpError, redactPaymentData, validateWrapUp } from '../../../shared/guidance';
import type { SignedInAgent, WrapUpInput, WrapUpSaved } from '../../../shared/ipc';
import { uuidV7 } from '../../../shared/uuid-v7';
import type { Database } from '../platform/database';
import { readCustomerCard } from '../customers';
import { readTaxonomy } from '../guidance';
import { featureSnapshotAt } from '../predictions';
import { readVocByCall } from './voc.repository';
import { AppError } from '../platform/errors';
import { writeWhenFree } from '../platform/write-when-free';
import { createVocRecordSaver } from './save-voc-record';
import {
  createOutreachNoticeWriter,
  isOutreachPending,
  outreachFields,
  refreshPendingOutreachOf,
} from '../outreach';
import type { CallDesk } from '../calls';

/** How long after its first save the agent may still correct a wrap-up. */
export const EDIT_WINDOW_MS = 15 * 60_000;

export interface WrapUpServiceDeps {
  db: Kysely<Database>;
  sqlite: Sqlite.Database;
  desk: CallDesk;
  /** Who is signed in; a wrap-up is always written as this agent, in this agent's center. */
  agent(): SignedInAgent | null;
  now?: () => number;
}

export interface WrapUpService {
  /** Saves the wrap-up of a call in wrap-up, or corrects a saved one within the edit window. */
  save(input: WrapUpInput): Promise<WrapUpSaved>;
  get(callId: string): Promise<VocRecord | null>;
}

export function createWrapUpService(deps: WrapUpServiceDeps): WrapUpService {
  const { db, sqlite, desk } = deps;
  const now = deps.now ?? Date.now;
  const saveVoc = createVocRecordSaver(sqlite);
  const writeOutreachNotice = createOutreachNoticeWriter(sqlite, db);
  const refusedByRetailer = isRefusedByRetailer(sqlite);
  const refreshOutreach = createOutreachRefresh(sqlite);

  return {
    get: (callId) => readVocByCall(db, callId),

    async save(input) {
      const agent = deps.agent();
      if (!agent) throw new AppError('unavailable', 'Sign in to the retailer to save a wrap-up.');
      if (!agent.centerId)
        throw new AppError('unavailable', 'Only an agent of a partner center saves wrap-ups.');
      // The form checks the same rules; main refuses an invalid record whatever the renderer did.
      const taxonomy = await readTaxonomy(db);
      const saved = await readVocByCall(db, input.callId);
      // A correction may keep the callback the first save promised, even once its time passed.
      const keptCallback = saved?.callbackAt !== undefined && saved.callbackAt === input.callbackAt;
      const errors = validateWrapUp(input, taxonomy, keptCallback ? {} : { now: now() });
      if (errors.length > 0) {
        throw new AppError(
          'invalid_input',
          errors.map((e) => describeWrapUpError(e, 'en')).join(' '),
        );
      }
      // PCI DSS: card numbers and security codes never reach the disk.
      const words = redactPaymentData(input.customerWords);
      if (saved) assertEditable(saved, agent, now(), refusedByRetailer(saved.id));
      // The caller's card, read once (the save's largest read): the risk signals and what the
      // model saw at the call's start both come from it. A correction keeps the first save's.
      const card =
        saved?.featureSnapshot || !input.customerId
          ? null
          : await readCustomerCard(db, input.customerId);
      const outreach = await outreachFields(db, desk, input, saved, now(), card);
      const snapshot = (startedAt: string) =>
        saved?.featureSnapshot ?? (card ? featureSnapshotAt(card, startedAt) : undefined);

      const build = (times: WrapUpTimes): VocRecord => ({
        id: saved?.id ?? uuidV7(now()),
        callId: input.callId,
        agentId: agent.id,
        centerId: agent.centerId as string,
        customerId: input.customerId,
        orderId: input.orderId,
        reasonCodes: input.reasonCodes,
        predictedReason: input.predictedReason,
        sentiment: input.sentiment,
        resolution: input.resolution,
        avoidable: input.avoidable,
        customerWords: words.text,
        scriptId: input.scriptId,
        scriptVersion: input.scriptVersion,
        ...(input.scriptSteps ? { scriptSteps: input.scriptSteps } : {}),
        ...(input.nextBestActions ? { nextBestActions: input.nextBestActions } : {}),
        ...(input.nextBestActionsDone ? { nextBestActionsDone: input.nextBestActionsDone } : {}),
        // A callback time belongs to a callback only (a resolution changed since is not one).
        ...(input.resolution === 'callback' && input.callbackAt
          ? { callbackAt: new Date(input.callbackAt).toISOString() }
          : {}),
        // The harassment note is typed by the agent too: the same redaction as the words.
        harassment: input.harassment
          ? { ...input.harassment, note: redactPaymentData(input.harassment.note).text }
          : null,
        ...outreach,
        ...withSnapshot(snapshot(times.startedAt)),
        startedAt: times.startedAt,
        endedAt: times.endedAt,
        afterCallWorkSeconds: times.afterCallWorkSeconds,
        // A correction keeps the first save's time: the edit window never slides.
        savedAt: saved?.savedAt ?? new Date(now()).toISOString(),
        revision: (saved?.revision ?? 0) + 1,
      });

      const written: { record?: VocRecord } = {};
      const write = (times: WrapUpTimes) => {
        written.record = build(times);
        saveVoc(written.record);
      };
      if (desk.get(input.callId)) {
        // The record, its outbox row and the call moving to done (which drops its draft) commit
        // together, durably (the desk's transaction): a crash leaves either a saved wrap-up or
        // the draft, never both or neither.
        const result = desk.saveWrapUp(input.callId, (_call, times) => write(times));
        if (!result.ok) throw new AppError('conflict', result.error.message);
      } else if (saved) {
        // A correction after a restart: the desk forgot the call, the record keeps its times.
        const { startedAt, endedAt, afterCallWorkSeconds } = saved;
        write({ startedAt, endedAt, afterCallWorkSeconds });
      } else {
        throw new AppError('not_found', `No call ${JSON.stringify(input.callId)} to wrap up.`);
      }
      if (!written.record) throw new Error('The wrap-up was not written');
      await writeOutreachNotice(written.record);
      // After the notice, which notes its customer pending again (the notices' trigger).
      refreshOutreach(written.record);
      return {
        record: written.record,
        redacted: { cardNumbers: words.cardNumbers, securityCodes: words.securityCodes },
      };
    },
  };
}

/**
 * After the save's commit, its customer's outreach rows recomputed (a proactive call takes the
 * customer off the list) in a short transaction of their own, which never waits for the write
 * lock on the thread that answers a ring (`writeWhenFree`). A failure is logged, not thrown: the
 * wrap-up is saved, the customer stays noted pending, and the list computes a pending customer
 * itself until the slices after the next pull recompute it.
 */
function createOutreachRefresh(sqlite: Sqlite.Database) {
  const log = (message: string) => console.error(`[koe] ${message}`);
  const writes = writeWhenFree(sqlite, { log });
  return (record: VocRecord): void => {
    const { customerId } = record;
    // Most callers have no rows, and nothing to recompute: no write transaction for them.
    if (customerId === null || !isOutreachPending(sqlite, customerId)) return;
    try {
      writes.write(customerId, () => refreshPendingOutreachOf(sqlite, customerId));
    } catch (error) {
      log(`the outreach rows of a saved wrap-up were left to the slices: ${String(error)}`);
    }
  };
}

const withSnapshot = (featureSnapshot: VocRecord['featureSnapshot']) =>
  featureSnapshot ? { featureSnapshot } : {};

function assertEditable(saved: VocRecord, agent: SignedInAgent, nowMs: number, refused: boolean) {
  if (saved.agentId !== agent.id)
    throw new AppError('conflict', 'This wrap-up was saved by another agent.');
  // A record the retailer refused stays correctable past the window: the refusal may come hours
  // later (after an outage), and correcting it is the only way it ever reaches the retailer.
  if (!refused && Date.parse(saved.savedAt) + EDIT_WINDOW_MS < nowMs)
    throw new AppError(
      'conflict',
      `A wrap-up can be corrected for ${EDIT_WINDOW_MS / 60_000} minutes after it is saved.`,
    );
}

/** Whether the retailer refused the record (its outbox row is quarantined, see push-outbox.ts). */
function isRefusedByRetailer(sqlite: Sqlite.Database): (vocId: string) => boolean {
  const refused = sqlite.prepare(
    `select 1 from outbox where kind = 'voc_record' and entity_id = ? and state = 'quarantined'`,
  );
  return (vocId) => refused.get(vocId) !== undefined;
}
