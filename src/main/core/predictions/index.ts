/**
 * Predictions: the delivery-date and call-reason models, their fit on the prediction worker,
 * the region closures they read, and the estimates added to every card.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './delivery-estimate';
export * from './feature-snapshot';
export * from './prediction-service';
export * from './prediction-worker-host';
export * from './region-closures';
