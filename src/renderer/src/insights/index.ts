/**
 * The supervisor's insights: call drivers, avoidable calls, predictions, script outcomes.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './InsightsButton';
export * from './InsightsView';
export * from './use-insight-labels';
