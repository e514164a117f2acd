/**
 * The center admin's screens: users, devices, webhooks, escalations, locked accounts, risk thresholds, desk updates.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './AdminButton';
export * from './AdminView';
