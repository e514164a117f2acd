/**
 * The retailer admin view: its client of the retailer's admin endpoints and its channels.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './admin-client';
export * from './admin-services';
