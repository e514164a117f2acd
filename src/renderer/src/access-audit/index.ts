/**
 * The supervisor's access audit: who opened which customer's data, and when.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './AccessAuditPanel';
