/**
 * The desk lock: the lock screen, the PIN and the wrap-ups saved while offline.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './DeskPinSettings';
export * from './LockScreen';
export * from './SetPinNotice';
export * from './use-desk-lock';
