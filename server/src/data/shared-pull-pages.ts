import { gzipSync } from 'node:zlib';

/**
 * One pull page, read and compressed once for every desk that asks for it. After a data batch,
 * every desk of a tenant is told the new cursor at once and asks for the very same page (same
 * start, size, center and head of the change log): without this, a process built and gzipped
 * that page once per desk, and 2,000 desks starved VoC pushes behind thousands of identical
 * pages (see README, load test).
 *
 * The caller's key holds everything that shapes the page's bytes (api-routes.ts: tenant,
 * center, start, size, retention, the record types the desk's version is not sent, and the
 * notice's cursor or the head read for this request), so a cached page is exactly what a fresh
 * read at that point of the change log would answer. Concurrent askers of one key wait on one
 * read (single flight). Pages stay a few seconds (the burst after one notice), and the cache
 * is bounded by bytes (the JSON and its gzip), least recently used first out.
 */
export interface SharedPage {
  json: string;
  cursor: string;
  hasMore: boolean;
}

export interface SharedPullPages {
  page(key: string, read: () => Promise<SharedPage>): Promise<SharedPage>;
  /** The page gzipped at level 1 (as @fastify/compress would), made once per page. */
  gzipped(page: SharedPage): Buffer;
}

interface Entry {
  key: string;
  page: Promise<SharedPage>;
  until: number;
  /** The page's JSON and its gzip once made (a UTF-16 string counted at 2 bytes a unit). */
  bytes: number;
}

export function sharedPullPages(
  options: { ttlMs?: number; maxBytes?: number } = {},
): SharedPullPages {
  const ttlMs = options.ttlMs ?? 5_000;
  // A full page of 10,000 customers is a few MB; this holds the pages of one notice's burst
  // for several centers and sizes while staying a small part of a process's memory.
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  // A Map keeps insertion order: a hit is moved to the end, so the first entry is the least
  // recently used.
  const entries = new Map<string, Entry>();
  const entryOf = new WeakMap<SharedPage, Entry>();
  const gzips = new WeakMap<SharedPage, Buffer>();
  let total = 0;

  const drop = (entry: Entry) => {
    if (entries.get(entry.key) !== entry) return;
    entries.delete(entry.key);
    total -= entry.bytes;
  };
  /** Counts bytes an entry gained, then makes room: expired pages first, then the least used. */
  const grow = (entry: Entry, bytes: number) => {
    // Dropped meanwhile (evicted, expired): its page is still served to who has it, not kept.
    if (entries.get(entry.key) !== entry) return;
    entry.bytes += bytes;
    total += bytes;
    const now = Date.now();
    for (const other of entries.values()) if (other.until <= now) drop(other);
    for (const other of entries.values()) {
      if (total <= maxBytes) break;
      if (other !== entry) drop(other);
    }
    // A single page above the bound is served, not kept.
    if (total > maxBytes) drop(entry);
  };

  return {
    page(key, read) {
      const now = Date.now();
      const cached = entries.get(key);
      if (cached && cached.until > now) {
        entries.delete(key);
        entries.set(key, cached);
        return cached.page;
      }
      if (cached) drop(cached);
      const entry: Entry = { key, page: read(), until: now + ttlMs, bytes: 0 };
      entries.set(key, entry);
      entry.page.then(
        (page) => {
          entryOf.set(page, entry);
          grow(entry, page.json.length * 2);
        },
        // A failed read is not kept: the next desk reads again.
        () => drop(entry),
      );
      return entry.page;
    },
    gzipped(page) {
      let zipped = gzips.get(page);
      if (!zipped) {
        zipped = gzipSync(page.json, { level: 1 });
        gzips.set(page, zipped);
        const entry = entryOf.get(page);
        if (entry) grow(entry, zipped.length);
      }
      return zipped;
    },
  };
}
