import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventBus } from '../../../src/main/core/platform/event-bus';
import type {
  RefreshRequest,
  RefreshResult,
} from '../../../src/main/core/predictions/prediction-fit';
import { MODEL_FORMAT } from '../../../src/main/core/predictions/prediction-store';
import {
  DEFAULT_REFIT_WHEN,
  startPredictionService,
} from '../../../src/main/core/predictions/prediction-service';
import { initialSyncStatus } from '../../../src/shared/sync-status';

/** When the service asks its fitter for a refresh: after pulls, debounced, and not too often. */
function countingFitter(transitSamples: number) {
  const requests: RefreshRequest[] = [];
  const fitter = async (request: RefreshRequest): Promise<RefreshResult> => {
    requests.push(request);
    return {
      models: {
        format: MODEL_FORMAT,
        fittedAt: new Date(request.now).toISOString(),
        watermark: {
          cursor: null,
          shipmentRowid: 0,
          contactRowid: 0,
          openShipments: 0,
          pulledChanges: 0,
          localWrapUps: '0|',
        },
        delivery: null,
        reasons: null,
      },
      fitted: true,
      readMs: 0,
      fitMs: 0,
      transitSamples,
      callExamples: 0,
    };
  };
  return { requests, fitter };
}

const pulled = (at: string) => ({ ...initialSyncStatus, phase: 'idle' as const, lastSyncedAt: at });

// Fake timers: "not again" is proven by running every timer due in the window, not by a sleep.
describe('the prediction service refreshes', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('once after a finished pull, not again for the same pull', async () => {
    const events = createEventBus();
    const { requests, fitter } = countingFitter(0);
    const service = startPredictionService({ db: {}, fitter, events, refitDelayMs: 5 });
    events.emit('sync:status', pulled('2026-11-23T00:00:00Z'));
    events.emit('sync:status', pulled('2026-11-23T00:00:00Z'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.force).toBe(false);
    // Not a refit from scratch after every pull: only once enough new data arrived.
    expect(requests[0]?.refitWhen).toEqual(DEFAULT_REFIT_WHEN);
    service.close();
  });

  it('not within the minimum interval after a fit that followed a pull', async () => {
    const events = createEventBus();
    const { requests, fitter } = countingFitter(100);
    const service = startPredictionService({
      db: {},
      fitter,
      events,
      refitDelayMs: 5,
      minRefitIntervalMs: 60_000,
    });
    // The fit at start (perhaps of a cache still bootstrapping) holds nothing back…
    await service.refresh();
    events.emit('sync:status', pulled('2026-11-23T00:05:00Z'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(requests).toHaveLength(2);
    // …but a fit after a pull holds the next pull's back for the minimum interval…
    events.emit('sync:status', pulled('2026-11-23T00:06:00Z'));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(requests).toHaveLength(2);
    // …and no longer.
    await vi.advanceTimersByTimeAsync(31_000);
    expect(requests).toHaveLength(3);
    service.close();
  });
});
