/**
 * The agent's preferences (language) and the app:* channels.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './app-services';
export * from './preferences';
