import { z } from 'zod';
import { printable } from '../domain/primitives';
import {
  customer,
  deliveryClaim,
  contact,
  knowledgeAnswer,
  notice,
  order,
  phoneKind,
  policy,
  reasonNode,
  regionClosure,
  returnRequest,
  scriptVersion,
  shipment,
} from '../domain';

/**
 * Version 1 of the retailer data shapes: what a retailer's order system pushes in and what a
 * desktop pulls. The same records seed the demo data, so the demo exercises the real ingest path.
 */
export const PROTOCOL_VERSION = 1;

/** As the retailer wrote it; the desktop normalizes numbers to E.164 on ingest. */
export const customerRecord = customer.omit({ phones: true }).extend({
  phones: z.array(z.object({ number: printable(40).min(1), kind: phoneKind })).max(10),
  emails: z.array(printable(254)).max(10),
});
export type CustomerRecord = z.infer<typeof customerRecord>;

export const retailerRecord = z.discriminatedUnion('type', [
  z.object({ type: z.literal('customer'), data: customerRecord }),
  z.object({ type: z.literal('order'), data: order }),
  z.object({ type: z.literal('shipment'), data: shipment }),
  z.object({ type: z.literal('return'), data: returnRequest }),
  z.object({ type: z.literal('claim'), data: deliveryClaim }),
  z.object({ type: z.literal('contact'), data: contact }),
  z.object({ type: z.literal('notice'), data: notice }),
  z.object({ type: z.literal('reason'), data: reasonNode }),
  z.object({ type: z.literal('script_version'), data: scriptVersion }),
  z.object({ type: z.literal('knowledge_answer'), data: knowledgeAnswer }),
  z.object({ type: z.literal('policy'), data: policy }),
  z.object({ type: z.literal('region_closure'), data: regionClosure }),
]);
export type RetailerRecord = z.infer<typeof retailerRecord>;
export type RetailerRecordType = RetailerRecord['type'];
