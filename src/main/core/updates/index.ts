/**
 * Updates: the retailer's update feed for this desk and the updates:notice channel.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './update-feed';
export * from './update-policy';
export * from './update-services';
