import { describe, expect, it } from 'vitest';
import type { InsightsResponse } from '../../../src/shared/protocol/insights';
import {
  avoidableRows,
  driverRows,
  lastWeeks,
  OTHER,
  reasonSummaries,
  topReasons,
} from '../../../src/renderer/src/insights/insights-data';

const response = (drivers: InsightsResponse['drivers']): InsightsResponse => {
  const buckets = [...new Set(drivers.map((d) => d.bucket))].sort();
  return {
    from: null,
    to: null,
    centerId: null,
    bucket: 'week',
    timeZone: 'Asia/Tokyo',
    centers: [],
    total: drivers.reduce((s, d) => s + d.count, 0),
    drivers,
    avoidable: buckets.map((bucket) => ({
      bucket,
      count: drivers.filter((d) => d.bucket === bucket).reduce((s, d) => s + d.count, 0),
      avoidable: 1,
    })),
    byCenter: [],
    byCarrier: [],
    byProduct: [],
    prediction: { predicted: 0, agreed: 0, cells: [] },
    byScriptVersion: [],
    harassment: { incidents: 0, callsTerminated: 0, byBucket: [] },
  };
};

describe('insights data shaping', () => {
  it('windows whole weeks from a Monday through the end of today, in the given zone', () => {
    // Wednesday 2026-11-25 in UTC.
    expect(lastWeeks(2, new Date('2026-11-25T12:00:00Z'), 'UTC')).toEqual({
      from: '2026-11-16T00:00:00.000Z',
      to: '2026-11-26T00:00:00.000Z',
    });
    // A Monday is its own week's start.
    expect(lastWeeks(1, new Date('2026-11-23T00:30:00Z'), 'UTC').from).toBe(
      '2026-11-23T00:00:00.000Z',
    );
  });

  it("counts the retailer's days by default: Tokyo, nine hours ahead of UTC", () => {
    // 15:00 UTC on Wednesday is 00:00 on Thursday 2026-11-26 in Tokyo: today is Thursday.
    expect(lastWeeks(2, new Date('2026-11-25T15:00:00Z'))).toEqual({
      from: '2026-11-15T15:00:00.000Z', // Monday 2026-11-16 00:00 JST
      to: '2026-11-26T15:00:00.000Z', // Friday 2026-11-27 00:00 JST
    });
    // Sunday 23:30 UTC is Monday 08:30 in Tokyo: that Monday's week has begun.
    expect(lastWeeks(1, new Date('2026-11-22T23:30:00Z')).from).toBe('2026-11-22T15:00:00.000Z');
  });

  it('stacks the top reasons per bucket and sums the rest as other', () => {
    const r = response([
      { bucket: '2026-11-09', reason: 'a', count: 5 },
      { bucket: '2026-11-09', reason: 'b', count: 3 },
      { bucket: '2026-11-09', reason: 'c', count: 1 },
      { bucket: '2026-11-16', reason: 'a', count: 2 },
      { bucket: '2026-11-16', reason: 'c', count: 4 },
    ]);
    const top = topReasons(r, 2);
    expect(top).toEqual(['a', 'c']);
    expect(driverRows(r, top)).toEqual([
      { bucket: '2026-11-09', a: 5, c: 1, [OTHER]: 3 },
      { bucket: '2026-11-16', a: 2, c: 4, [OTHER]: 0 },
    ]);
    expect(reasonSummaries(r)).toEqual([
      { reason: 'a', count: 7, share: 7 / 15, change: -3 },
      { reason: 'c', count: 5, share: 5 / 15, change: 3 },
      { reason: 'b', count: 3, share: 3 / 15, change: -3 },
    ]);
    expect(avoidableRows(r)).toEqual([
      { bucket: '2026-11-09', share: 11.1 },
      { bucket: '2026-11-16', share: 16.7 },
    ]);
  });
});
