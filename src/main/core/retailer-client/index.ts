/**
 * Authorized requests to the retailer API (session, refresh, refusals).
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './authorized-fetch';
