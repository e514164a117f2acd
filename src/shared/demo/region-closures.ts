import { deliveryRegion, type RegionClosureRecord } from '../domain/region-closure';
import type { RegionClosure } from '../guidance/late-signals';
import type { Region } from './prefectures';
import { hashInts } from './random';
import { HOUR_MS, isoDateOfDay, isoInstant, jstDay, jstInstant, monthOfDay } from './time';

/**
 * Weather closures of whole regions: a snowstorm in the north in winter, a typhoon in the south
 * in late summer, now and then a storm anywhere. Each stops deliveries into its region for one
 * to three days, drawn from a hash of (region, day) so every parcel of the data set meets the
 * same storms. The retailer announces each on its first morning, with its own guess of the end
 * (right two times in three, otherwise a day short): what the desk's estimate is given.
 */
// A region's index (the schema's order, as listed before) seeds its storms.
const REGIONS: readonly Region[] = deliveryRegion.options;

function startChance(region: Region, day: number): number {
  const month = monthOfDay(day);
  const winter = month === 12 || month <= 2;
  const typhoon = month === 8 || month === 9;
  if (winter && (region === 'hokkaido' || region === 'tohoku')) return 0.05;
  if (winter && region === 'chubu') return 0.025;
  if (typhoon && (region === 'okinawa' || region === 'kyushu' || region === 'shikoku')) {
    return 0.05;
  }
  return 0.002;
}

const unit = (...values: number[]) => hashInts(...values) / 4_294_967_296;

/** The closure that starts on `day` in `region`, if one does: its last closed day. */
function closureStartingOn(region: Region, day: number): number | null {
  const r = REGIONS.indexOf(region);
  if (unit(0x636c6f73, r, day) >= startChance(region, day)) return null;
  const length = 1 + Math.floor(unit(0x6c656e67, r, day) * 3);
  return day + length - 1;
}

/** The closure holding deliveries into `region` on `day`: its first and last day. */
export function closureCovering(
  region: Region,
  day: number,
): { startDay: number; endDay: number } | null {
  for (let start = day; start > day - 3; start--) {
    const end = closureStartingOn(region, start);
    if (end !== null && end >= day) return { startDay: start, endDay: end };
  }
  return null;
}

/** Every closure starting between two JST days, as the retailer announced it. */
export function announcedClosures(fromDay: number, toDay: number): RegionClosure[] {
  const out: RegionClosure[] = [];
  for (let day = fromDay; day <= toDay; day++) {
    for (const [r, region] of REGIONS.entries()) {
      const end = closureStartingOn(region, day);
      if (end === null) continue;
      const short = unit(0x73686f72, r, day) < 1 / 3 && end > day;
      out.push({
        region,
        startsOn: isoDateOfDay(day),
        endsOn: isoDateOfDay(short ? end - 1 : end),
        announcedAt: isoInstant(jstInstant(day, 7) + HOUR_MS / 2),
      });
    }
  }
  return out;
}

/** The season's closure the demo retailer announces: where, and in its own words. */
function seasonalClosure(month: number): { region: Region; reason: string } {
  if (month >= 8 && month <= 10) {
    return { region: 'okinawa', reason: '台風の接近により、沖縄県内への配達を見合わせています' };
  }
  if (month >= 5 && month <= 7) {
    return { region: 'kyushu', reason: '大雨のため、九州地方への配達を見合わせています' };
  }
  return { region: 'hokkaido', reason: '大雪のため、北海道内への配達を見合わせています' };
}

/**
 * The closure the demo retailer has announced, so a newcomer sees one move an estimate: the
 * season's weather (snow in Hokkaido from November to April, heavy rain in Kyushu in the rainy
 * season, a typhoon in Okinawa from August to October) stops deliveries into the region today
 * and tomorrow for every carrier, announced last evening. The generated parcels' own storms are
 * the hash-drawn ones above; this one is news the carriers' scans have not caught up with.
 */
export function demoRegionClosures(nowMs: number): RegionClosureRecord[] {
  const today = jstDay(nowMs);
  const { region, reason } = seasonalClosure(monthOfDay(today));
  const announcedAt = isoInstant(jstInstant(today - 1, 18));
  return [
    {
      id: `rcl-demo-${region}-${isoDateOfDay(today)}`,
      region,
      carrier: null,
      startsOn: isoDateOfDay(today),
      endsOn: isoDateOfDay(today + 1),
      reason,
      announcedAt,
      updatedAt: announcedAt,
    },
  ];
}
