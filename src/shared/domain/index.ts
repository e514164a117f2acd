export * from './primitives';
export * from './customer';
export * from './order';
export * from './after-sales';
export * from './interaction';
export * from './guidance';
export * from './customer-card';
export * from './voc';
