import {
  carrierEstimate,
  rankOutreach,
  type EstimateDelivery,
} from '../../../shared/outreach/outreach-ranking';
import type { OutreachList } from '../../../shared/ipc';
import type Sqlite from 'better-sqlite3';
import { readOutreachTable } from './outreach-table';
import { OUTREACH_SCAN_LIMIT, outreachWindowStart } from './outreach-candidates';

export interface OutreachServiceDeps {
  /** The cache (read only): the list is a read of its maintained table. */
  sqlite: Sqlite.Database;
  now?: () => number;
  /**
   * When each open shipment will arrive: the delivery-date model's estimate (see
   * `modelEstimateFor`), so the list also holds customers whose parcel it predicts late; the
   * carrier's estimate when none is given.
   */
  estimate?: EstimateDelivery;
}

/** The proactive outreach list: the maintained table's open shipments, ranked on demand. */
export function createOutreachService(deps: OutreachServiceDeps) {
  const now = deps.now ?? Date.now;
  return {
    async list(limit: number): Promise<OutreachList> {
      const nowMs = now();
      const candidates = readOutreachTable(deps.sqlite, {
        since: outreachWindowStart(nowMs),
        limit: OUTREACH_SCAN_LIMIT,
      });
      const ranked = rankOutreach(candidates, nowMs, deps.estimate ?? carrierEstimate);
      return {
        entries: ranked.slice(0, limit),
        truncated: ranked.length > limit,
        generatedAt: new Date(nowMs).toISOString(),
      };
    },
  };
}
