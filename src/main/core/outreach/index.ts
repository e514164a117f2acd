/**
 * Outreach: the list of customers to call before they call (table, ranking, service), its
 * channel, and the notices a wrap-up writes.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './outreach-services';
export * from './outreach-table';
export * from './wrap-up-outreach';
