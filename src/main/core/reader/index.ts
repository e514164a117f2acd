/**
 * The heavy reads (customer search and count, the outreach list) on the reader worker, off
 * the thread that answers a ring.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './heavy-reads';
export * from './reader-methods';
export * from './reader-worker-host';
