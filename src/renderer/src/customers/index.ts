/**
 * Customers: the card, the customer page, search and the screen pop.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './CustomerCardSkeleton';
export * from './CustomerCardView';
export * from './CustomerPage';
export * from './CustomerSummaryList';
export * from './NameWithReading';
export * from './ScreenPopButton';
export * from './ScreenPopView';
export * from './SearchField';
export * from './SearchResults';
export * from './TierBadge';
export * from './current-call';
export * from './names';
export * from './use-customer-search';
