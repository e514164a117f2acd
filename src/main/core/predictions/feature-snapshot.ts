import {
  SNAPSHOT_FACTS,
  callFeatureSnapshot,
  type CallFeatureSnapshot,
} from '../../../shared/domain/voc';
import type { CustomerCard } from '../../../shared/domain';
import { callFacts, type CallFacts } from './call-features';
import { cardAsOf } from './card-as-of';

/**
 * The VoC record's snapshot of what the call-reason model read when the call rang: the card
 * rebuilt as of the call's start (what the agent saw, not what the call itself changed) read by
 * the same `callFacts` the model reads, keeping only the facts that held.
 */
export function featureSnapshotOf(facts: CallFacts): CallFeatureSnapshot {
  const held: CallFeatureSnapshot['facts'] = {};
  for (const f of SNAPSHOT_FACTS) {
    const value = facts[f];
    if (value > 0) held[f] = Math.min(1000, value);
  }
  // Parsed so a snapshot the record could not carry fails here, not at the retailer.
  return callFeatureSnapshot.parse({
    version: 1,
    facts: held,
    previousReason: facts.previous_reason,
  });
}

export function featureSnapshotAt(card: CustomerCard, startedAt: string): CallFeatureSnapshot {
  const at = Date.parse(startedAt);
  return featureSnapshotOf(callFacts(cardAsOf(card, at), at));
}

/** The facts again from a snapshot (absent facts 0): what a model trains on. */
export function factsOfSnapshot(snapshot: CallFeatureSnapshot): CallFacts {
  const facts = { previous_reason: snapshot.previousReason } as CallFacts;
  for (const f of SNAPSHOT_FACTS) facts[f] = snapshot.facts[f] ?? 0;
  return facts;
}
