import type Sqlite from 'better-sqlite3';
import { CUSTOMER_HISTORY_TYPES, type PulledRecordType } from '../../../shared/protocol/sync';
import { readPulledChanges } from '../sync/pulled-change-counters';
import type { CallReasonModel } from './call-reason-model';
import type { DeliveryModel } from './delivery-estimate';

/**
 * The fitted models kept in the local cache (table `prediction_models`, migration 0006) with the
 * watermark of the data they were fitted on, so a restart scores at once and refits only when
 * the data moved on. Plain JSON: the same object crosses from the fitting worker to the core.
 */
/**
 * 2: the reason model's temperature, and the watermark's change counters and local wrap-ups.
 * 3: the delivery model's contexts start with the late signal and the carrier-peak flag.
 */
export const MODEL_FORMAT = 3;
const ROW = 'current';

/** What the models read: a customer's whole history (the call facts) and its shipments. */
export const MODEL_INPUT_TYPES: readonly PulledRecordType[] = CUSTOMER_HISTORY_TYPES;

/**
 * Cheap facts that change when the data the models learn from changes (see readWatermark): new
 * rows, and edits in place — a contact's reason corrected or a parcel marked lost moves no rowid
 * and no count, only the pull's change counters.
 */
export interface DataWatermark {
  /** The sync cursor: unchanged means nothing at all was pulled since. Null before any pull. */
  cursor: string | null;
  /** Highest rowid of shipments and contacts: moves when new ones arrive. */
  shipmentRowid: number;
  contactRowid: number;
  /** Shipments not delivered yet: drops when a delivery arrives (a partial index counts them). */
  openShipments: number;
  /** Model-input records pulled so far (pulled-change-counters.ts): moves on any edit. */
  pulledChanges: number;
  /** This desktop's saved wrap-ups: their count and latest save (a correction moves it). */
  localWrapUps: string;
}

export interface FittedModels {
  format: number;
  fittedAt: string;
  watermark: DataWatermark;
  delivery: DeliveryModel | null;
  reasons: CallReasonModel | null;
}

export function readCursor(sqlite: Sqlite.Database): string | null {
  const row = sqlite.prepare(`select value from sync_state where key = 'cursor'`).get() as
    { value: string } | undefined;
  return row?.value ?? null;
}

/** This desktop's wrap-ups: how many, and the latest save (a correction moves it). */
export function localWrapUpsFingerprint(sqlite: Sqlite.Database): string {
  return (
    sqlite
      .prepare(`select count(*) || '|' || coalesce(max(saved_at), '') as v from voc_records`)
      .get() as { v: string }
  ).v;
}

export function readWatermark(sqlite: Sqlite.Database): DataWatermark {
  const one = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
  return {
    cursor: readCursor(sqlite),
    shipmentRowid: one(`select coalesce(max(rowid), 0) as n from shipments`),
    contactRowid: one(`select coalesce(max(rowid), 0) as n from contacts`),
    openShipments: one(`select count(*) as n from shipments where delivered_at is null`),
    pulledChanges: readPulledChanges(sqlite, MODEL_INPUT_TYPES),
    localWrapUps: localWrapUpsFingerprint(sqlite),
  };
}

/** The same model inputs (the cursor may have moved for other records: scripts, policies…). */
export function sameData(a: DataWatermark, b: DataWatermark): boolean {
  return (
    a.shipmentRowid === b.shipmentRowid &&
    a.contactRowid === b.contactRowid &&
    a.openShipments === b.openShipments &&
    a.pulledChanges === b.pulledChanges &&
    a.localWrapUps === b.localWrapUps
  );
}

export function loadModels(sqlite: Sqlite.Database): FittedModels | null {
  const row = sqlite
    .prepare(`select format, models from prediction_models where name = ?`)
    .get(ROW) as { format: number; models: string } | undefined;
  if (!row || row.format !== MODEL_FORMAT) return null;
  return JSON.parse(row.models) as FittedModels;
}

export function saveModels(sqlite: Sqlite.Database, models: FittedModels): void {
  sqlite
    .prepare(
      `insert into prediction_models (name, format, fitted_at, watermark, models)
       values (?, ?, ?, ?, ?)
       on conflict(name) do update set format = excluded.format, fitted_at = excluded.fitted_at,
         watermark = excluded.watermark, models = excluded.models`,
    )
    .run(
      ROW,
      models.format,
      models.fittedAt,
      JSON.stringify(models.watermark),
      JSON.stringify(models),
    );
}
