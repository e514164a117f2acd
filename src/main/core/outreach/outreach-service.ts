import {
  carrierEstimate,
  rankOutreach,
  type EstimateDelivery,
} from '../../../shared/outreach/outreach-ranking';
import type { OutreachList } from '../../../shared/ipc';
import type { ReadDb } from '../db/database';
import { readOutreachCandidates } from './outreach-candidates';

export interface OutreachServiceDeps {
  db: ReadDb;
  now?: () => number;
  /**
   * When each open shipment will arrive: the delivery-date model's estimate (see
   * `modelEstimateFor`), so the list also holds customers whose parcel it predicts late; the
   * carrier's estimate when none is given.
   */
  estimate?: EstimateDelivery;
}

/** The proactive outreach list, computed from the local cache on demand. */
export function createOutreachService(deps: OutreachServiceDeps) {
  const now = deps.now ?? Date.now;
  return {
    async list(limit: number): Promise<OutreachList> {
      const nowMs = now();
      const candidates = await readOutreachCandidates(deps.db, nowMs);
      const ranked = rankOutreach(candidates, nowMs, deps.estimate ?? carrierEstimate);
      return {
        entries: ranked.slice(0, limit),
        truncated: ranked.length > limit,
        generatedAt: new Date(nowMs).toISOString(),
      };
    },
  };
}
