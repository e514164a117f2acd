/**
 * The desk update notice: when Koe will restart into a new version.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './UpdateNotice';
