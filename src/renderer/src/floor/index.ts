/**
 * The floor: the supervisor's view, desk alerts and the agent's raised hand.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './AlertStatusText';
export * from './AlertSummary';
export * from './FloorButton';
export * from './FloorView';
export * from './PolicyFiringText';
export * from './RaiseHandButton';
export * from './use-desk-alerts';
