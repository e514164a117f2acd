/** Counters shared by one generation run, so every id and order number is unique and stable. */
export interface Sequences {
  order: number;
  shipment: number;
  return: number;
  claim: number;
  contact: number;
  notice: number;
}

export function newSequences(): Sequences {
  return { order: 0, shipment: 0, return: 0, claim: 0, contact: 0, notice: 0 };
}

/** Seven digits hold the bench size (a few million of each kind). */
export function sequenceId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(7, '0')}`;
}

/** `KO-2611-0001234`: year and month of the order (JST), then the running number. */
export function orderNumber(yymm: string, n: number): string {
  return `KO-${yymm}-${String(n).padStart(7, '0')}`;
}

export function customerId(index: number): string {
  return sequenceId('cus', index);
}
