import { z } from 'zod';
import { freeText, id, isoDateTime, recordTime, language, printable } from './primitives';

export const contactChannel = z.enum(['call', 'email', 'chat', 'social']);
export type ContactChannel = z.infer<typeof contactChannel>;

/** A past interaction with the customer on any channel, with why it happened. */
export const contact = z.object({
  id,
  customerId: id,
  orderId: id.nullable(),
  channel: contactChannel,
  direction: z.enum(['inbound', 'outbound']),
  occurredAt: isoDateTime,
  reasonCode: printable(64).nullable(),
  summary: freeText(4000),
  updatedAt: recordTime,
});
export type Contact = z.infer<typeof contact>;

export const noticeKind = z.enum([
  'delay',
  'shipped',
  'out_for_delivery',
  'delivered',
  'refund_issued',
  'return_received',
]);

/** A proactive message the retailer already sent, so the agent knows what the customer was told. */
export const notice = z.object({
  id,
  customerId: id,
  orderId: id.nullable(),
  channel: z.enum(['email', 'sms', 'push', 'call']),
  kind: noticeKind,
  language,
  sentAt: isoDateTime,
  message: freeText(4000),
  updatedAt: recordTime,
});
export type Notice = z.infer<typeof notice>;
