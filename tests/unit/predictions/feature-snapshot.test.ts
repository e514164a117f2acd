import { describe, expect, it } from 'vitest';
import { callFacts } from '../../../src/main/core/predictions/call-features';
import {
  factsOfSnapshot,
  featureSnapshotOf,
} from '../../../src/main/core/predictions/feature-snapshot';
import { callFeatureSnapshot } from '../../../src/shared/domain/voc';
import { card, claim, contact, shipment, NOW } from '../../fixtures/guidance-fixtures';

describe('the feature snapshot on a VoC record', () => {
  it('keeps only the facts that held, and gives the model the same facts back', () => {
    const c = card({
      shipments: [shipment({ status: 'delayed', promisedDate: '2026-11-20' })],
      claims: [claim({ status: 'open', type: 'damaged' })],
      contacts: [contact({ reasonCode: 'delivery.late', occurredAt: '2026-11-21T10:00:00+09:00' })],
    });
    const facts = callFacts(c, Date.parse(NOW));
    const snapshot = featureSnapshotOf(facts);
    expect(snapshot.facts.days_late).toBe(3);
    expect(snapshot.facts.claim_damaged).toBe(1);
    expect(snapshot.previousReason).toBe('delivery.late');
    expect(Object.values(snapshot.facts).every((v) => v > 0)).toBe(true);
    expect(factsOfSnapshot(snapshot)).toEqual(facts);
  });

  it('is bounded: unknown facts, huge numbers and free text are refused', () => {
    const ok = { version: 1, facts: { days_late: 2 }, previousReason: null };
    expect(callFeatureSnapshot.safeParse(ok).success).toBe(true);
    expect(callFeatureSnapshot.safeParse({ ...ok, facts: { card_number: 1 } }).success).toBe(false);
    expect(callFeatureSnapshot.safeParse({ ...ok, facts: { days_late: 5000 } }).success).toBe(
      false,
    );
    expect(
      callFeatureSnapshot.safeParse({ ...ok, previousReason: 'まだ届かない 4111 1111' }).success,
    ).toBe(false);
    expect(callFeatureSnapshot.safeParse({ ...ok, version: 2 }).success).toBe(false);
  });
});
