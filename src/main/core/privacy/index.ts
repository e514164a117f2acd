/**
 * Privacy: masks every answer that carries a customer and guards the reveal of a field.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './privacy-guard';
