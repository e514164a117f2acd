/**
 * Outreach: the customers to call back, and the outcome of each call.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './OutreachEntryPoint';
export * from './OutreachOutcomePicker';
export * from './OutreachView';
