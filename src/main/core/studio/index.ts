/**
 * The script studio: its client of the retailer's authoring endpoints, its channels, and
 * notices of newly published scripts.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './script-update-notices';
export * from './studio-client';
export * from './studio-services';
