/**
 * The predictions a call shows: the likely reason and the customer's risk signals.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './LikelyReasonBanner';
export * from './RiskSignalsPanel';
