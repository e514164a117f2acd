/**
 * koe:// links from the OS or a second instance.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './koe-link';
