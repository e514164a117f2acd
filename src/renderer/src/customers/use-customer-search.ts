import { useDebouncedValue } from '@mantine/hooks';
import { useId, useState, type KeyboardEvent } from 'react';
import type { SearchResult } from '../../../shared/ipc';
import { useKoeQuery, type KoeQuery } from '../app/use-koe-query';

/** Long enough to skip the keystrokes of a fast typist, short enough to feel instant. */
const SEARCH_DEBOUNCE_MS = 180;
const SEARCH_LIMIT = 20;

export interface CustomerSearch {
  /** The query the results belong to (trimmed). */
  query: string;
  result: KoeQuery<SearchResult>;
  activeIndex: number;
  setActiveIndex(index: number): void;
  listId: string;
  optionId(index: number): string;
  activeOptionId: string | undefined;
  /** ↑/↓ move the selection, Enter opens it; the focus stays in the search field. */
  handleKey(event: KeyboardEvent<HTMLInputElement>, open: (customerId: string) => void): void;
}

export function useCustomerSearch(text: string, enabled: boolean): CustomerSearch {
  const typed = text.trim();
  const [debounced] = useDebouncedValue(typed, SEARCH_DEBOUNCE_MS);
  // Enter runs the search at once instead of waiting for the debounce.
  const [flushed, setFlushed] = useState('');
  const query = flushed === typed ? typed : debounced;
  const result = useKoeQuery(
    'customers:search',
    enabled && query ? { query, limit: SEARCH_LIMIT } : null,
  );

  // The selection belongs to one query: a new query starts again at the first row.
  const [selection, setSelection] = useState({ query: '', index: 0 });
  const activeIndex = selection.query === query ? selection.index : 0;
  const setActiveIndex = (index: number) => setSelection({ query, index });

  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;
  const customers = result.status === 'success' ? result.value.customers : [];

  return {
    query,
    result,
    activeIndex,
    setActiveIndex,
    listId,
    optionId,
    activeOptionId: customers.length > 0 ? optionId(activeIndex) : undefined,
    handleKey(event, open) {
      // While an IME is composing (kana → kanji), arrows and Enter belong to the IME.
      if (event.nativeEvent.isComposing) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (customers.length === 0) return;
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActiveIndex(Math.min(customers.length - 1, Math.max(0, activeIndex + step)));
      } else if (event.key === 'Enter') {
        event.preventDefault();
        const active = customers[activeIndex];
        if (query === typed && active) open(active.id);
        else setFlushed(typed);
      }
    },
  };
}

/** The shipment whose tracking number found this customer, if the search was by one. */
export function trackedShipmentId(
  result: KoeQuery<SearchResult>,
  customerId: string,
): string | undefined {
  if (result.status !== 'success') return undefined;
  return result.value.shipments?.find((s) => s.customerId === customerId)?.shipmentId;
}
