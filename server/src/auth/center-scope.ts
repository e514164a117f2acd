import type { Principal } from './access-tokens';
import { HttpError } from '../http/route';

/**
 * What a floor or access-audit read may see: a supervisor their own center only (asking for
 * another is refused, never silently narrowed), anyone else the tenant or the center asked for.
 */
export function centerScope(
  principal: Principal,
  centerId?: string,
): { tenantId: string; centerId?: string } {
  if (principal.role === 'supervisor') {
    if (!principal.centerId)
      throw new HttpError(403, 'forbidden', 'A supervisor without a center.');
    if (centerId !== undefined && centerId !== principal.centerId)
      throw new HttpError(403, 'forbidden', 'A supervisor sees only their own center.');
    return { tenantId: principal.tenantId, centerId: principal.centerId };
  }
  return { tenantId: principal.tenantId, ...(centerId !== undefined ? { centerId } : {}) };
}
