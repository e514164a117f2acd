import type Sqlite from 'better-sqlite3';
import type {
  CardPredictions,
  CustomerCard,
  DeliveryEstimate,
  Shipment,
} from '../../../shared/domain';
import type { ClosuresFor } from './region-closures';
import type { EventBus } from '../platform/event-bus';
import { callFacts } from './call-features';
import { predictCallReasons, type CallReasonModel } from './call-reason-model';
import { estimateDelivery, type DeliveryModel } from './delivery-estimate';
import {
  refreshModels,
  type RefitThreshold,
  type RefreshRequest,
  type RefreshResult,
} from './prediction-fit';

/**
 * The service refits once 2 % new model-input data arrived since the fit (at least 200 records),
 * or on any new data once the fit is a day old: not after every pull.
 */
export const DEFAULT_REFIT_WHEN: RefitThreshold = {
  share: 0.02,
  atLeast: 200,
  maxAgeMs: 24 * 3_600_000,
};

/**
 * Adds the models' output to every customer card; the models themselves are fitted elsewhere
 * (a `ModelFitter`): on the prediction worker's thread in the app, so this thread only scores.
 * A refresh runs at start (the stored models are reused until enough of what they read changed
 * since they were fitted: prediction-store.ts, `refitWhen`) and a little after each pull. Until the first refresh answers, cards
 * go out without predictions.
 */
export interface PredictionService {
  /** The card's predictions at `now`; undefined while no model is fitted. */
  predict(card: CustomerCard, now: number): CardPredictions | undefined;
  /**
   * Refresh the models now: refit if the data moved on since the stored fit, or always with
   * `force` (one at a time; a call during a refresh runs once more after it).
   */
  refresh(options?: { force?: boolean }): Promise<RefreshResult | null>;
  models(): { delivery: DeliveryModel | null; reasons: CallReasonModel | null };
  /** The retailer's region closures that may hold a parcel (none without a reader). */
  closuresFor: ClosuresFor;
  /** The service's clock (the demo and the tests run on a fixed one). */
  now(): number;
  close(): void;
}

/** Fits (or reuses) the models for a request; see prediction-fit.ts. */
export type ModelFitter = (request: RefreshRequest) => Promise<RefreshResult>;

/** Fitting on the calling thread: for tests and benchmarks on an in-memory or bench cache. */
export function inProcessFitter(sqlite: Sqlite.Database): ModelFitter {
  return (request) => Promise.resolve(refreshModels(sqlite, request));
}

export interface PredictionOptions {
  /** The database the cards are read from (customer-card.ts finds the service by it). */
  db: object;
  fitter: ModelFitter;
  events?: EventBus;
  now?: () => number;
  /** Passed to the fitter (see RefreshRequest). */
  maxTransitSamples?: number;
  maxCallCustomers?: number;
  /** Wait this long after a pull before refreshing, so a burst of pulls refreshes once. */
  refitDelayMs?: number;
  /**
   * At least this long between fits (default 10 minutes): a retailer delivers all day, and a fit
   * at bench size keeps a core busy for most of a minute, so pulls do not each start one.
   */
  minRefitIntervalMs?: number;
  /** When new data is enough for a refit (DEFAULT_REFIT_WHEN); null: any change refits. */
  refitWhen?: RefitThreshold | null;
  /** Reads the region closures that may hold a parcel (region-closures.ts); absent: none. */
  closuresFor?: ClosuresFor;
}

const NO_CLOSURES: ClosuresFor = () => [];

export function startPredictionService(options: PredictionOptions): PredictionService {
  const now = options.now ?? Date.now;
  const closuresFor = options.closuresFor ?? NO_CLOSURES;
  let delivery: DeliveryModel | null = null;
  let reasons: CallReasonModel | null = null;
  let running: Promise<RefreshResult | null> | null = null;
  let again: { force?: boolean } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  /**
   * When the last fit after a pull finished, on the machine's clock (the service's may be fixed).
   * The fit at start does not count: it may have read a cache still being bootstrapped.
   */
  let lastFitAt = -Infinity;

  const refitWhen = options.refitWhen === undefined ? DEFAULT_REFIT_WHEN : options.refitWhen;
  const run = async (force: boolean): Promise<RefreshResult | null> => {
    const result = await options.fitter({
      now: now(),
      force,
      ...(refitWhen ? { refitWhen } : {}),
      ...(options.maxTransitSamples ? { maxTransitSamples: options.maxTransitSamples } : {}),
      ...(options.maxCallCustomers ? { maxCallCustomers: options.maxCallCustomers } : {}),
    });
    if (closed || !result.models) return result;
    delivery = result.models.delivery ?? delivery;
    reasons = result.models.reasons ?? reasons;
    return result;
  };

  const refresh = (request: { force?: boolean } = {}): Promise<RefreshResult | null> => {
    if (running) {
      again = { force: Boolean(again?.force || request.force) };
      return running;
    }
    running = run(Boolean(request.force))
      .catch(() => null) // a failed fit keeps the previous models
      .finally(() => {
        running = null;
        if (again && !closed) {
          const next = again;
          again = null;
          void refresh(next);
        }
      });
    return running;
  };

  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    const sinceFit = performance.now() - lastFitAt;
    const delay = Math.max(
      options.refitDelayMs ?? 15_000,
      (options.minRefitIntervalMs ?? 600_000) - sinceFit,
    );
    timer = setTimeout(() => {
      timer = null;
      void refresh().then((result) => {
        if (result?.fitted) lastFitAt = performance.now();
      });
    }, delay);
    timer.unref?.();
  };

  let lastSynced: string | null = null;
  const unsubscribe = options.events?.subscribe((event, payload) => {
    if (event !== 'sync:status') return;
    const status = payload as { phase: string; lastSyncedAt: string | null };
    if (status.phase === 'idle' && status.lastSyncedAt !== lastSynced) {
      lastSynced = status.lastSyncedAt;
      schedule();
    }
  });

  const service: PredictionService = {
    predict(card, at) {
      if (!delivery && !reasons) return undefined;
      const deliveryModel = delivery;
      return {
        deliveryEstimates: deliveryModel
          ? card.shipments
              .map((s) => shipmentEstimate(deliveryModel, s, at, closuresFor))
              .filter((e) => e !== null)
          : [],
        reasons: reasons ? predictCallReasons(reasons, callFacts(card, at)) : [],
        reasonModel: reasons && {
          fittedAt: reasons.fittedAt,
          trainingCalls: reasons.trainingCalls,
          ...(reasons.heldOutTop1
            ? {
                heldOutTop1: {
                  model: reasons.heldOutTop1.model,
                  rules: reasons.heldOutTop1.rules,
                },
              }
            : {}),
        },
        deliveryModel: delivery && {
          fittedAt: delivery.fittedAt,
          trainingShipments: delivery.samples,
        },
      };
    },
    refresh,
    models: () => ({ delivery, reasons }),
    closuresFor,
    now,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      unsubscribe?.();
    },
  };
  return service;
}

/**
 * Koe's delivery estimate of one shipment at `now`: the ONE function behind both the customer
 * card (`predict` → card.predictions.deliveryEstimates) and the outreach list
 * (`modelEstimateFor`), so the same parcel never shows two Koe dates.
 */
export function shipmentEstimate(
  model: DeliveryModel,
  shipment: Shipment,
  now: number,
  closuresFor: ClosuresFor = NO_CLOSURES,
): DeliveryEstimate | null {
  return estimateDelivery(model, shipment, now, { closures: closuresFor(shipment, now) });
}

/**
 * The delivery-date model's estimate for an open shipment (`shipmentEstimate`, as on the card);
 * the carrier's own estimate while no model is fitted (or no prediction service runs).
 */
export function modelEstimateFor(
  service: PredictionService | null,
): (shipment: Shipment) => string | null {
  return (shipment) =>
    estimateWithModel(
      service?.models().delivery ?? null,
      service?.now() ?? 0,
      service?.closuresFor,
    )(shipment);
}

/**
 * The same estimate from a model handed over as data (the reader worker builds the outreach list
 * with the model the core's service holds): `shipmentEstimate`, or the carrier's without a model.
 */
export function estimateWithModel(
  model: DeliveryModel | null,
  now: number,
  closuresFor: ClosuresFor = NO_CLOSURES,
): (shipment: Shipment) => string | null {
  return (shipment) =>
    model
      ? (shipmentEstimate(model, shipment, now, closuresFor)?.date ?? shipment.estimatedDate)
      : shipment.estimatedDate;
}

/** The card with the service's predictions (the card as read when no service runs). */
export function withPredictions(
  service: PredictionService | null,
  card: CustomerCard,
): CustomerCard {
  const predictions = service?.predict(card, service.now());
  return predictions ? { ...card, predictions } : card;
}
