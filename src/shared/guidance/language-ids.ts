import type { Language } from '../domain/primitives';

/**
 * The studio edits one script or answer in all its languages; agents' desktops hold one record
 * per language whose id is the studio id with `-<language>` appended (`script-greeting-ja`,
 * `kb-return-deadline-en`). Scripts and answers share this naming, so the studio can also open
 * records a retailer pushed in itself.
 */
export function languageRecordId(studioId: string, lang: Language): string {
  return `${studioId}-${lang}`;
}

/** The studio id of a per-language record: its id without the `-<language>` ending. */
export function studioIdOfRecord(recordId: string, lang: Language): string {
  const suffix = `-${lang}`;
  return recordId.endsWith(suffix) && recordId.length > suffix.length
    ? recordId.slice(0, -suffix.length)
    : recordId;
}

/**
 * Per-language records grouped by studio id, then by version number: what one studio version
 * is made of (one record per language of its audience).
 */
export function groupByStudioVersion<T extends { language: Language; version: number }>(
  records: readonly T[],
  recordId: (record: T) => string,
): Map<string, Map<number, T[]>> {
  const groups = new Map<string, Map<number, T[]>>();
  for (const r of records) {
    const sid = studioIdOfRecord(recordId(r), r.language);
    const byVersion = groups.get(sid) ?? new Map<number, T[]>();
    byVersion.set(r.version, [...(byVersion.get(r.version) ?? []), r]);
    groups.set(sid, byVersion);
  }
  return groups;
}
