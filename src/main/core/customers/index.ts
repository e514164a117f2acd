/**
 * Customers: the cached customers, orders, shipments, after-sales and contacts (tables and
 * repositories), the customer card, search, the screen pop and the customers:* channels.
 *
 * The entry point of this feature: the rest of the core imports it only through here
 * (eslint.config.js, `layers`).
 */
export * from './customer-card';
export * from './customer-services';
export * from './customer.repository';
export * from './screen-pop';
