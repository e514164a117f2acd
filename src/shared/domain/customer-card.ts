import type { DeliveryClaim, ReturnRequest } from './after-sales';
import type { Customer } from './customer';
import type { Contact, Notice } from './interaction';
import type { Order, Shipment } from './order';
import type { CardPredictions } from './prediction';

/** Everything the agent needs on screen when the call rings: the screen-pop read. */
export interface CustomerCard {
  customer: Customer;
  /** Most recent first, bounded (see SCREEN_POP_ORDER_LIMIT). */
  orders: Order[];
  shipments: Shipment[];
  returns: ReturnRequest[];
  claims: DeliveryClaim[];
  contacts: Contact[];
  notices: Notice[];
  /** The learned models' estimates and predicted reasons, added in main when they are fitted. */
  predictions?: CardPredictions;
  /**
   * The fields the core masked (the retailer's sensitive fields): the page shows them with a
   * reveal button, and only `customers:revealPii` brings their values. Absent: none masked.
   */
  masked?: readonly ('address' | 'email' | 'phone' | 'birthday')[];
}

export const SCREEN_POP_ORDER_LIMIT = 10;
export const SCREEN_POP_CONTACT_LIMIT = 20;
