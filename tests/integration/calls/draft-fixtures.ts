import type { CallDraft } from '../../../src/shared/calls/call-draft';
import { initialHarassmentState } from '../../../src/shared/guidance';

/** A card number as a customer reads it out (a test PAN: it passes the Luhn check). */
export const SPOKEN_CARD = '4111 1111 1111 1111';

/** The work on a call in wrap-up: the predicted reason kept, negative, the customer's words. */
export function wrapUpDraftWith(customerWords: string, customerId = 'cus-1'): CallDraft {
  return {
    customerId,
    harassment: initialHarassmentState(),
    harassmentNote: '',
    supervisorAlerts: [],
    script: null,
    wrapUp: {
      form: {
        reasonCodes: ['delivery.late'],
        sentiment: 'negative',
        resolution: null,
        avoidableChoice: null,
        customerWords,
        orderId: null,
      },
      context: {
        customerId,
        predictedReason: 'delivery.late',
        script: { scriptId: 'scr-late', version: 2, steps: ['greet', 'apologise'] },
        harassment: null,
      },
      outreachOutcome: null,
    },
  };
}
