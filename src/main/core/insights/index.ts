/**
 * The insights view: its client of the retailer's insights endpoints and its channels.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './insights-client';
export * from './insights-services';
