/**
 * Erasure: the local eraser, the retention purge on the desk's own clock and what the desk
 * does when the retailer revokes it.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './desk-revocation';
export * from './local-erasure';
export * from './retention-purge';
