import type Sqlite from 'better-sqlite3';
import { fitCallReasonModel } from './call-reason-model';
import { fitDeliveryModel } from './delivery-estimate';
import { readLabelledCalls, readTransitColumns } from './prediction-data';
import {
  type DataWatermark,
  loadModels,
  MODEL_FORMAT,
  readCursor,
  localWrapUpsFingerprint,
  readWatermark,
  saveModels,
  sameData,
  type FittedModels,
} from './prediction-store';

/**
 * One refresh of the models on a connection of its own: reuse the stored fit when nothing the
 * models read changed since it (no record of theirs pulled, no wrap-up saved here), otherwise
 * read a sample of the cache, fit both models and store them.
 * Synchronous and heavy at bench size: it runs on the prediction worker's thread in the app.
 */
export interface RefreshRequest {
  /** The fit's clock (the demo and the tests run on a fixed one). */
  now: number;
  /** Fit even when the stored models saw the same data (the benchmark's fit time). */
  force?: boolean;
  /** Delivered shipments read at most (every n-th shipment row). */
  maxTransitSamples?: number;
  /** Customers looked at for confirmed calls (every n-th customer). */
  maxCallCustomers?: number;
  /** Customers whose histories are held at once (HISTORY_BATCH_CUSTOMERS; the bench's before). */
  historyBatchCustomers?: number;
  /**
   * Refit only once this much new data arrived since the stored fit (see `enoughNewData`);
   * below it the stored models stay, and the changes add up towards the next refit. Absent: any
   * change refits (tests, the evaluation).
   */
  refitWhen?: RefitThreshold;
}

/**
 * The request's maxima when it gives none. At bench size (3.2M shipments, 1M customers): ~1 in
 * 16 shipments, 1 in 25 customers.
 */
export const DEFAULT_MAX_TRANSIT_SAMPLES = 200_000;
export const DEFAULT_MAX_CALL_CUSTOMERS = 40_000;

/**
 * When a refit is worth it: a pull of a few hundred records among millions moves a model fitted
 * on a sample of them by nothing measurable, and a fit at bench size costs a core for most of a
 * minute. New data counts model-input records pulled (new or edited, deletions too) and wrap-ups
 * saved here since the fit.
 */
export interface RefitThreshold {
  /** At least this share of the model-input records pulled up to the fit (0.02: 2 %)… */
  share: number;
  /** …and at least this many, whatever the share (a young cache). */
  atLeast: number;
  /** A fit older than this is refitted on any new data (its clock moved on). */
  maxAgeMs: number;
}

export interface RefreshResult {
  models: FittedModels | null;
  /** False when the stored models were still current. */
  fitted: boolean;
  readMs: number;
  fitMs: number;
  transitSamples: number;
  callExamples: number;
}

export function refreshModels(sqlite: Sqlite.Database, request: RefreshRequest): RefreshResult {
  const unchanged = (models: FittedModels): RefreshResult => ({
    models,
    fitted: false,
    readMs: 0,
    fitMs: 0,
    transitSamples: 0,
    callExamples: 0,
  });
  const stored = loadModels(sqlite);
  if (stored && !request.force) {
    const cursor = readCursor(sqlite);
    // Nothing pulled and no wrap-up saved here since the fit: current without reading more.
    if (
      cursor !== null &&
      cursor === stored.watermark.cursor &&
      localWrapUpsFingerprint(sqlite) === stored.watermark.localWrapUps
    ) {
      return unchanged(stored);
    }
    const current = readWatermark(sqlite);
    if (sameData(current, stored.watermark)) {
      // Pulled, but nothing the models read: note the cursor so the next check is instant.
      const kept = { ...stored, watermark: current };
      trySave(sqlite, kept);
      return unchanged(kept);
    }
    // Not enough yet: the stored watermark stays, so what arrived counts towards the next check.
    if (request.refitWhen && !enoughNewData(stored, current, request.now, request.refitWhen)) {
      return unchanged(stored);
    }
  }

  let started = performance.now();
  // One read transaction: the watermark and the samples describe the same snapshot.
  const { watermark, samples, calls } = sqlite.transaction(() => ({
    watermark: readWatermark(sqlite),
    samples: readTransitColumns(sqlite, {
      maxSamples: request.maxTransitSamples ?? DEFAULT_MAX_TRANSIT_SAMPLES,
    }),
    calls: readLabelledCalls(sqlite, {
      maxCustomers: request.maxCallCustomers ?? DEFAULT_MAX_CALL_CUSTOMERS,
      ...(request.historyBatchCustomers ? { batchCustomers: request.historyBatchCustomers } : {}),
    }),
  }))();
  const readMs = performance.now() - started;
  started = performance.now();
  const at = new Date(request.now);
  const models: FittedModels = {
    format: MODEL_FORMAT,
    fittedAt: at.toISOString(),
    watermark,
    delivery: samples.length > 0 ? fitDeliveryModel(samples, at) : (stored?.delivery ?? null),
    reasons: fitCallReasonModel(calls, { now: at }) ?? stored?.reasons ?? null,
  };
  const fitMs = performance.now() - started;
  trySave(sqlite, models);
  return {
    models,
    fitted: true,
    readMs,
    fitMs,
    transitSamples: samples.length,
    callExamples: calls.length,
  };
}

/** Model-input changes since the stored fit: pulled records, and wrap-ups saved here. */
export function newDataSince(stored: DataWatermark, current: DataWatermark): number {
  const wrapUps = (w: DataWatermark) => Number(w.localWrapUps.split('|')[0] ?? 0);
  const pulled = Math.max(0, current.pulledChanges - stored.pulledChanges);
  const saved = Math.abs(wrapUps(current) - wrapUps(stored));
  // A correction moves the latest save without adding one: it is new data too.
  const corrected = saved === 0 && current.localWrapUps !== stored.localWrapUps ? 1 : 0;
  return pulled + saved + corrected;
}

export function enoughNewData(
  stored: FittedModels,
  current: DataWatermark,
  now: number,
  threshold: RefitThreshold,
): boolean {
  const changes = newDataSince(stored.watermark, current);
  if (changes === 0) return false;
  if (now - Date.parse(stored.fittedAt) >= threshold.maxAgeMs) return true;
  return changes >= Math.max(threshold.atLeast, threshold.share * stored.watermark.pulledChanges);
}

/** A cache opened read-only (or busy past the timeout) still gets the fresh models in memory. */
function trySave(sqlite: Sqlite.Database, models: FittedModels): void {
  try {
    saveModels(sqlite, models);
  } catch {
    // Kept in memory only: the next start fits again.
  }
}
