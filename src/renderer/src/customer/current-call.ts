import { createContext, useContext } from 'react';

/**
 * The call the agent is on, for what the customer views log against it (a personal-data reveal
 * is recorded with the call it happened on). Null outside a call.
 */
export const CurrentCallContext = createContext<string | null>(null);

export const useCurrentCallId = () => useContext(CurrentCallContext);
