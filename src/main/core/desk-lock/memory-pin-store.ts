import type { DeskPinStore } from './desk-pin';

/** A desk without a data folder of its own (tests, benches): no PIN, so it never locks. */
export function noDeskPin(): DeskPinStore {
  return { isSet: () => false, set: async () => undefined, verify: async () => false };
}
