import type { Principal } from './access-tokens';
import { HttpError } from '../http/route';

/** The roles that read VoC across agents (stats, insights, customers' words, exports). */
export const VOC_READER_ROLES = ['trainer', 'supervisor', 'retailer_admin'] as const;

/**
 * The one rule for every route that reads VoC records: a retailer admin reads the whole tenant
 * (or the one center asked for); a supervisor or trainer only their own center; asking for
 * another center is refused, never silently narrowed, so a report never looks complete when it
 * is not. Returns the center to filter by (undefined: the whole tenant).
 */
export function vocReadCenter(principal: Principal, asked: string | undefined): string | undefined {
  if (principal.role === 'retailer_admin') return asked;
  if (!principal.centerId || (asked !== undefined && asked !== principal.centerId)) {
    throw new HttpError(403, 'forbidden', `The ${principal.role} role sees only its own center.`);
  }
  return principal.centerId;
}
