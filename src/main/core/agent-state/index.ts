/**
 * The agent's state (ready, on call, after-call work, not ready) and its reports to the
 * retailer's floor.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './agent-state-reports';
export * from './agent-state-service';
export * from './agent-state-services';
