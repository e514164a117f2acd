import { createContext, useContext } from 'react';

/**
 * The call the agent is on, for what the customer views log against it (a personal-data reveal
 * is recorded with the call it happened on). Null outside a call.
 */
export const CurrentCallContext = createContext<string | null>(null);

export const useCurrentCallId = () => useContext(CurrentCallContext);

/** The shipment the agent found the customer by (its tracking number), pointed out on the card. */
export const HighlightedShipmentContext = createContext<string | null>(null);

export const useHighlightedShipmentId = () => useContext(HighlightedShipmentContext);
