import type Sqlite from 'better-sqlite3';
import type { Shipment } from '../../../shared/domain';
import { PREFECTURE_BY_NAME } from '../../../shared/demo/prefectures';
import { jstDayOf } from '../../../shared/guidance/calendar';
import type { RegionClosure } from '../../../shared/guidance/late-signals';

/** The retailer's region events that may hold a parcel: what its delivery estimate is given. */
export type ClosuresFor = (shipment: Shipment, nowMs: number) => RegionClosure[];

/**
 * Reads the closures of a parcel's destination region that hold its carrier (or every carrier)
 * and have not ended by today (JST): a keyed read of a few rows per parcel on the card.
 */
export function regionClosureReader(sqlite: Sqlite.Database): ClosuresFor {
  // Prepared at the first read: a reader may be built before its connection sees the table.
  let select: Sqlite.Statement | null = null;
  const prepare = () =>
    sqlite.prepare(
      `select region, starts_on, ends_on, announced_at, reason from region_closures
      where region = ? and ends_on >= ? and (carrier is null or carrier = ?)`,
    );
  return (shipment, nowMs) => {
    const region = PREFECTURE_BY_NAME.get(shipment.destinationPrefecture)?.region;
    if (!region) return [];
    const today = new Date((jstDayOf(nowMs) ?? 0) * 86_400_000).toISOString().slice(0, 10);
    select ??= prepare();
    const rows = select.all(region, today, shipment.carrier) as {
      region: string;
      starts_on: string;
      ends_on: string;
      announced_at: string;
      reason: string;
    }[];
    return rows.map((r) => ({
      region: r.region,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      announcedAt: r.announced_at,
      reason: r.reason,
    }));
  };
}
