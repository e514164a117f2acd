/**
 * The CTI bridge: the loopback port phone systems ring the desk through, and cti:info.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './cti-bridge';
export * from './cti-services';
