/**
 * Sync with the retailer: sign-in and sessions, the sync worker (pull, apply, push the
 * outboxes), its status and the sync:* and retailer:* channels.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './connect-retailer';
export * from './demo-sign-in';
export * from './desk-id';
export * from './memory-sessions';
export * from './outbox-drain';
export * from './outbox-refusal';
export * from './retailer-api';
export * from './stream-reconnect';
export * from './sync-services';
export * from './sync-state';
export * from './sync-worker-host';
