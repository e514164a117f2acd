/** Call guidance: pure functions shared by the renderer and the core. */
export * from './calendar';
export * from './claim-risk';
export * from './evidence';
export * from './harassment-protocol';
export * from './likely-reason';
export * from './money';
export * from './next-best-actions';
export * from './order-signals';
export * from './policy-reasons';
export * from './redact-payment-data';
export * from './script-context';
export * from './script-filters';
export * from './script-runner';
export * from './script-template';
export * from './select-script';
export * from './wrapup-form';
