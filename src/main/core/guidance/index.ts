/**
 * Guidance: the call-reason taxonomy, scripts, policies and knowledge answers the retailer
 * publishes (tables, repository) and the guidance:reference and knowledge:search channels.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './guidance-services';
export * from './guidance.repository';
