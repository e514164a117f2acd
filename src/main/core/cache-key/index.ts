/**
 * The local cache's data key: made on first start, sealed by the OS keychain, bound to the
 * retailer's device grant.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './cache-keys';
export * from './grant-sessions';
export * from './key-vault';
