/**
 * Sync with the retailer: sign-in and sign-out, the pull progress and the sync status.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './RetailerConnectionForm';
export * from './SignOutWipe';
export * from './SyncStatusIndicator';
