/**
 * The wrap-up: the form after a call, today's calls and the wrap-ups still waiting.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './TodayCalls';
export * from './WaitingWrapUps';
export * from './WrapUpPanel';
export * from './today-display';
