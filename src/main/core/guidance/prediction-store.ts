import type Sqlite from 'better-sqlite3';
import type { CallReasonModel } from './call-reason-model';
import type { DeliveryModel } from './delivery-estimate';

/**
 * The fitted models kept in the local cache (table `prediction_models`, migration 0006) with the
 * watermark of the data they were fitted on, so a restart scores at once and refits only when
 * the data moved on. Plain JSON: the same object crosses from the fitting worker to the core.
 */
export const MODEL_FORMAT = 1;
const ROW = 'current';

/** Cheap facts that change when deliveries or contacts arrive (see readWatermark). */
export interface DataWatermark {
  /** The sync cursor: unchanged means nothing at all was pulled since. Null before any pull. */
  cursor: string | null;
  /** Highest rowid of shipments and contacts: moves when new ones arrive. */
  shipmentRowid: number;
  contactRowid: number;
  /** Shipments not delivered yet: drops when a delivery arrives (a partial index counts them). */
  openShipments: number;
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

export function readWatermark(sqlite: Sqlite.Database): DataWatermark {
  const one = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
  return {
    cursor: readCursor(sqlite),
    shipmentRowid: one(`select coalesce(max(rowid), 0) as n from shipments`),
    contactRowid: one(`select coalesce(max(rowid), 0) as n from contacts`),
    openShipments: one(`select count(*) as n from shipments where delivered_at is null`),
  };
}

/** The same deliveries and contacts (the cursor may have moved for other records). */
export function sameData(a: DataWatermark, b: DataWatermark): boolean {
  return (
    a.shipmentRowid === b.shipmentRowid &&
    a.contactRowid === b.contactRowid &&
    a.openShipments === b.openShipments
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
