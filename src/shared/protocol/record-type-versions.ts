import type { PulledRecordType } from './sync';
import { appVersion, compareVersions } from './update-feed';

/**
 * The first desk version that understands each record type (null: every desk does). A desk
 * refuses a pulled page holding a type its protocol union does not know, so the server leaves
 * such rows out of the pages of an older desk (it skips them and its cursor moves past them),
 * and a desk that was upgraded since it pulled re-pulls to fetch what it was not sent. A new
 * record type gets the version it first ships in: the type check makes this table name it.
 */
export const FIRST_DESK_VERSION: Record<PulledRecordType, string | null> = {
  customer: null,
  order: null,
  shipment: null,
  return: null,
  claim: null,
  contact: null,
  notice: null,
  reason: null,
  script_version: null,
  knowledge_answer: null,
  policy: null,
  region_closure: '0.1.0',
};

const GATED = Object.entries(FIRST_DESK_VERSION).filter(
  (entry): entry is [PulledRecordType, string] => entry[1] !== null,
);

/** Whether a desk says a version that can be compared (a desk that does not gets everything). */
const comparable = (version: string | null | undefined): version is string =>
  version != null && appVersion.safeParse(version).success;

/**
 * The record types a desk of `version` does not understand, which its pages leave out. A client
 * that says no version, or one that is not a version, is sent every type: it is no desk, or a
 * build the table cannot place (tests, a developer's run).
 */
export function recordTypesUnknownTo(version: string | null | undefined): PulledRecordType[] {
  if (!comparable(version)) return [];
  return GATED.filter(([, first]) => compareVersions(version, first) < 0).map(([type]) => type);
}

/**
 * Whether a desk now at `current` understands a type that the server left out of the pages its
 * cursor was pulled with at `pulledAt` (null: a cursor from before desks kept the version, so
 * anything may have been left out). Such a desk pulls again from the start.
 */
export function learnedRecordTypesSince(
  pulledAt: string | null,
  current: string | null | undefined,
): boolean {
  if (!comparable(current)) return false;
  const before = new Set(
    comparable(pulledAt) ? recordTypesUnknownTo(pulledAt) : GATED.map(([t]) => t),
  );
  return GATED.some(([type, first]) => before.has(type) && compareVersions(current, first) >= 0);
}
