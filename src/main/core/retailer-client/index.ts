/**
 * Authorized requests to the retailer API (session, refresh, refusals) and the outboxes' send loop.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './authorized-fetch';
export * from './send-batches';
