/**
 * Access audit: every access to a customer recorded on the desk (tables, repository),
 * the bulk-access policies that watch it, and the outbox that sends it to the retailer.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './access-watch';
export * from './audit-outbox';
export * from './audit.repository';
export * from './record-access';
export * from './audit-journal';
