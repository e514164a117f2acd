import { pullPage, type PullPage } from '../../../shared/protocol/sync';
import type { WritableRecord } from './apply-records';
import { customerIndexEntries } from '../customers/customer-index-entries';
import { parseAnswer, validateAnswer } from './sync-error';

/** A pulled page, validated, its customers perhaps carrying their index entries. */
export type DecodedPullPage = Omit<PullPage, 'records'> & { records: WritableRecord[] };

export interface DecodeOptions {
  /**
   * Work out each customer's phone, e-mail and search entries now. Worth it when most
   * customers are new (a bootstrap); an update that keeps a customer's names, phones and
   * e-mails never needs them, so an incremental pull leaves them to the writer.
   */
  indexCustomers: boolean;
}

const WHAT = 'page of changes';

/** The body of a pull, as bytes, to a page ready to write: text, JSON, protocol, index entries. */
export function decodePullPage(bytes: Uint8Array, options: DecodeOptions): DecodedPullPage {
  const page: DecodedPullPage = validateAnswer(
    parseAnswer(new TextDecoder().decode(bytes), WHAT),
    pullPage,
    WHAT,
  );
  if (options.indexCustomers)
    for (const record of page.records)
      if (record.type === 'customer') record.index = customerIndexEntries(record.data);
  return page;
}
