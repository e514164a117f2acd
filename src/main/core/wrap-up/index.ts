/**
 * Wrap-up: the VoC record an agent saves after a call (tables, repository, the durable
 * save and its outbox row) and the wrapUp:* channels.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './voc.repository';
export * from './wrap-up-service';
export * from './wrap-up-services';
