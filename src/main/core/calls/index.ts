/**
 * The agent's calls: the phone desk, its calls and drafts on disk, the calls:* channels and
 * the ring sent out with its screen pop.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './call-desk';
export * from './call-ipc-services';
export * from './call-services';
export * from './calls-with-pops';
export * from './desk-calls.repository';
