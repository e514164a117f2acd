/**
 * The supervisors' floor: alerts this desk raises (and their outbox) and the floor's view.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './floor-desk';
