/**
 * The call workspace once everything above the fold has rendered: the caller's card complete
 * above the fold and the guidance worked out for that card (the likely-reason banner, the
 * script, the actions). Each attribute is set in the commit that renders its part
 * (`CustomerCardView`'s `data-complete`, `CallWorkspace`'s `data-guidance-ready`); the ring
 * bench times to it. The card is complete once every order is rendered: its older orders render
 * in a pass of their own after the frame that shows the rest, and the mark waits for them
 * (`OrdersSection`), at 1366×768 too, where they are below the fold.
 */
export const ABOVE_THE_FOLD_RENDERED =
  '[data-testid="call-workspace"][data-guidance-ready="true"] [data-testid="customer-card"][data-complete="true"]';
