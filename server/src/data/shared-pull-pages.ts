import { gzipSync } from 'node:zlib';

/**
 * One pull page, read and compressed once for every desk that asks for it. After a data batch,
 * every desk of a tenant is told the new cursor at once and asks for the very same page (same
 * start, size, center and head of the change log): without this, a process built and gzipped
 * that page once per desk, and 2,000 desks starved VoC pushes behind thousands of identical
 * pages (see README, load test).
 *
 * The key holds the tenant's head cursor read for this request, so a cached page is exactly
 * what a fresh read at that head would answer: any later change moves the head, and the page is
 * read again. Pages stay a few seconds (the burst after one notice) and the cache is bounded.
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

export function sharedPullPages(
  options: { ttlMs?: number; maxPages?: number } = {},
): SharedPullPages {
  const ttlMs = options.ttlMs ?? 5_000;
  const maxPages = options.maxPages ?? 128;
  const pages = new Map<string, { page: Promise<SharedPage>; until: number }>();
  const gzips = new WeakMap<SharedPage, Buffer>();
  return {
    page(key, read) {
      const now = Date.now();
      const cached = pages.get(key);
      if (cached && cached.until > now) return cached.page;
      if (pages.size >= maxPages) {
        for (const [k, v] of pages) if (v.until <= now) pages.delete(k);
        // Still full: the oldest goes (a Map keeps insertion order).
        while (pages.size >= maxPages) pages.delete(pages.keys().next().value!);
      }
      const page = read();
      pages.set(key, { page, until: now + ttlMs });
      // A failed read is not kept: the next desk reads again.
      page.catch(() => pages.delete(key));
      return page;
    },
    gzipped(page) {
      let zipped = gzips.get(page);
      if (!zipped) {
        zipped = gzipSync(page.json, { level: 1 });
        gzips.set(page, zipped);
      }
      return zipped;
    },
  };
}
