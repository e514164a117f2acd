/**
 * The phone system's connection (CTI) as the settings show it.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './CtiConnection';
