import type Sqlite from 'better-sqlite3';
import { vocRecord, type VocRecord } from '../../../shared/domain/voc';
import { durably } from '../platform/durably';

/**
 * Saves a wrap-up and queues it for the retailer in one transaction, committed durably
 * (`durably`: the WAL is fsynced before the call returns). Cost measured in bench (wrap-up save).
 */
export function createVocRecordSaver(sqlite: Sqlite.Database) {
  const insertRecord = sqlite.prepare(
    `insert into voc_records (id, call_id, customer_id, order_id, agent_id, reason_codes, predicted_reason,
       sentiment, resolution, avoidable, customer_words, script_id, script_version, details, started_at, ended_at, saved_at)
     values (@id, @call_id, @customer_id, @order_id, @agent_id, @reason_codes, @predicted_reason,
       @sentiment, @resolution, @avoidable, @customer_words, @script_id, @script_version, @details, @started_at, @ended_at, @saved_at)
     on conflict(id) do update set reason_codes = excluded.reason_codes, sentiment = excluded.sentiment,
       resolution = excluded.resolution, avoidable = excluded.avoidable, customer_words = excluded.customer_words,
       order_id = excluded.order_id, details = excluded.details, saved_at = excluded.saved_at`,
  );
  // One outbox row per record: a correction replaces the payload still waiting to be sent, and
  // a payload the retailer refused (the correction is the agent's answer to that refusal; it
  // goes out under the same id with the next revision, which the retailer accepts in its place).
  const dropPending = sqlite.prepare(
    `delete from outbox where kind = 'voc_record' and entity_id = ? and state in ('pending', 'quarantined')`,
  );
  const enqueue = sqlite.prepare(
    `insert into outbox (kind, entity_id, payload, created_at) values ('voc_record', ?, ?, ?)`,
  );
  const save = sqlite.transaction((record: VocRecord) => {
    insertRecord.run({
      id: record.id,
      call_id: record.callId,
      customer_id: record.customerId,
      order_id: record.orderId,
      agent_id: record.agentId,
      reason_codes: JSON.stringify(record.reasonCodes),
      predicted_reason: record.predictedReason,
      sentiment: record.sentiment,
      resolution: record.resolution,
      avoidable: record.avoidable ? 1 : 0,
      customer_words: record.customerWords,
      script_id: record.scriptId,
      script_version: record.scriptVersion,
      details: JSON.stringify({
        centerId: record.centerId,
        harassment: record.harassment,
        afterCallWorkSeconds: record.afterCallWorkSeconds,
        revision: record.revision,
        scriptSteps: record.scriptSteps,
        nextBestActions: record.nextBestActions,
        nextBestActionsDone: record.nextBestActionsDone,
        callbackAt: record.callbackAt,
        contactType: record.contactType,
        outreachOutcome: record.outreachOutcome,
        riskSignals: record.riskSignals,
        featureSnapshot: record.featureSnapshot,
      }),
      started_at: record.startedAt,
      ended_at: record.endedAt,
      saved_at: record.savedAt,
    });
    // Only a correction has an earlier payload (a first save's id is new).
    if (record.revision > 1) dropPending.run(record.id);
    enqueue.run(record.id, JSON.stringify(record), record.savedAt);
    // The customer's outreach rows are not recomputed here but after the commit (the service's
    // `refreshPendingOutreachOf`): the trigger notes the customer pending in this commit, and a
    // reader of the list computes a pending customer itself, so the list is right meanwhile.
  });

  return (input: VocRecord): void => {
    const record = vocRecord.parse(input);
    // Inside a caller's transaction (the desk's save, which also moves the call to done) the
    // caller commits, and `durably` makes that commit durable.
    if (sqlite.inTransaction) save(record);
    else durably(sqlite, () => save(record));
  };
}
