import {
  SCREEN_POP_CONTACT_LIMIT,
  SCREEN_POP_ORDER_LIMIT,
  type CustomerCard,
} from '../../../shared/domain';
import { getClaimsForCustomer, getReturnsForCustomer } from './after-sales.repository';
import { getCustomer } from './customer.repository';
import type { ReadDb } from '../platform/database';
import { getRecentContacts, getRecentNotices } from './interaction.repository';
import { getRecentOrders, getShipmentsForOrders } from './order.repository';

/**
 * The screen-pop read: one customer and everything the agent needs while the call rings. Every
 * step is an indexed lookup bounded by a limit, so its cost does not grow with the cache.
 */
export async function readCustomerCard(
  db: ReadDb,
  customerId: string,
): Promise<CustomerCard | null> {
  const customer = await getCustomer(db, customerId);
  if (!customer) return null;
  const orders = await getRecentOrders(db, customerId, SCREEN_POP_ORDER_LIMIT);
  const shipments = await getShipmentsForOrders(
    db,
    orders.map((o) => o.id),
  );
  const returns = await getReturnsForCustomer(db, customerId, SCREEN_POP_CONTACT_LIMIT);
  const claims = await getClaimsForCustomer(db, customerId, SCREEN_POP_CONTACT_LIMIT);
  const contacts = await getRecentContacts(db, customerId, SCREEN_POP_CONTACT_LIMIT);
  const notices = await getRecentNotices(db, customerId, SCREEN_POP_CONTACT_LIMIT);
  // The learned estimates and predicted reasons are added by the caller (withPredictions).
  return { customer, orders, shipments, returns, claims, contacts, notices };
}
