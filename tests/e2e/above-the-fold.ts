/**
 * The call workspace once everything above the fold has rendered: the caller's card complete
 * (its second pass, the older orders, included; the pop's predictions render with the card) and
 * the guidance worked out for that card (the likely-reason banner, the script, the actions).
 * Each attribute is set in the commit that renders its part (`CustomerCardView`'s
 * `data-complete`, `CallWorkspace`'s `data-guidance-ready`); the ring bench times to it.
 */
export const ABOVE_THE_FOLD_RENDERED =
  '[data-testid="call-workspace"][data-guidance-ready="true"] [data-testid="customer-card"][data-complete="true"]';
