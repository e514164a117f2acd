/**
 * The desk lock: PIN, idle and OS locks, the retailer's lock policies and offline grace, and
 * the guard that refuses customer data while locked.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './desk-lock-services';
export * from './desk-lock';
export * from './desk-pin';
export * from './desk-policies';
export * from './locked-guard';
export * from './memory-pin-store';
export * from './offline-grace';
