/**
 * The agent's status (ready, not ready and why) in the header.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './AgentStateMenu';
