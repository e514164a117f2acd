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

/** A record of one type: the type's name as its tag, and its data. */
const tagged = <T extends string, S extends z.ZodType>(type: T, data: S) =>
  z.object({ type: z.literal(type), data });

export const retailerRecord = z.discriminatedUnion('type', [
  tagged('customer', customerRecord),
  tagged('order', order),
  tagged('shipment', shipment),
  tagged('return', returnRequest),
  tagged('claim', deliveryClaim),
  tagged('contact', contact),
  tagged('notice', notice),
  tagged('reason', reasonNode),
  tagged('script_version', scriptVersion),
  tagged('knowledge_answer', knowledgeAnswer),
  tagged('policy', policy),
  tagged('region_closure', regionClosure),
]);
export type RetailerRecord = z.infer<typeof retailerRecord>;
export type RetailerRecordType = RetailerRecord['type'];
