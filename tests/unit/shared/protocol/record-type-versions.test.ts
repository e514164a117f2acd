import { describe, expect, it } from 'vitest';
import {
  learnedRecordTypesSince,
  recordTypesUnknownTo,
} from '../../../../src/shared/protocol/record-type-versions';

describe('which record types a desk version understands', () => {
  it('leaves region closures out for a desk older than 0.1.0, pre-releases of 0.1.0 included', () => {
    expect(recordTypesUnknownTo('0.0.9')).toEqual(['region_closure']);
    expect(recordTypesUnknownTo('0.1.0-beta.1')).toEqual(['region_closure']);
    expect(recordTypesUnknownTo('0.1.0')).toEqual([]);
    expect(recordTypesUnknownTo('2.3.4')).toEqual([]);
  });

  it('sends every type to a client that says no version, or no version it can compare', () => {
    expect(recordTypesUnknownTo(null)).toEqual([]);
    expect(recordTypesUnknownTo(undefined)).toEqual([]);
    expect(recordTypesUnknownTo('test')).toEqual([]);
  });

  it('pulls again once a desk understands a type its cursor was pulled without', () => {
    expect(learnedRecordTypesSince('0.0.9', '0.1.0')).toBe(true);
    // A cursor from before desks kept the version may have been pulled without anything.
    expect(learnedRecordTypesSince(null, '0.1.0')).toBe(true);
    expect(learnedRecordTypesSince('0.1.0', '0.1.1')).toBe(false);
    expect(learnedRecordTypesSince('0.0.8', '0.0.9')).toBe(false);
    // Downgraded, or a version the table cannot place: nothing new to fetch.
    expect(learnedRecordTypesSince('0.1.0', '0.0.9')).toBe(false);
    expect(learnedRecordTypesSince('0.0.9', 'test')).toBe(false);
  });
});
