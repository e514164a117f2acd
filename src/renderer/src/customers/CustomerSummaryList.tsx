import { Box, Group, Text } from '@mantine/core';
import { IconPhone, IconReceipt } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerSummary } from '../../../shared/domain';
import { formatPhone } from '../../../shared/phone';
import { NameWithReading } from './NameWithReading';
import { TierBadge } from './TierBadge';

interface Selection {
  activeIndex: number;
  setActiveIndex(index: number): void;
  optionId(index: number): string;
  listId: string;
}

interface CustomerSummaryListProps {
  customers: CustomerSummary[];
  onOpen(customerId: string): void;
  label: string;
  /**
   * Given by the search, whose field keeps the focus and drives the selection (combobox).
   * Without it the list is its own focusable listbox (the screen-pop chooser).
   */
  selection?: Selection;
}

export function CustomerSummaryList({
  customers,
  onOpen,
  label,
  selection,
}: CustomerSummaryListProps) {
  const ownListId = useId();
  const [ownIndex, setOwnIndex] = useState(0);
  const { activeIndex, setActiveIndex, optionId, listId } = selection ?? {
    activeIndex: ownIndex,
    setActiveIndex: setOwnIndex,
    optionId: (index: number) => `${ownListId}-option-${index}`,
    listId: ownListId,
  };

  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    list.current
      ?.querySelector(`[id="${optionId(activeIndex)}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex, optionId]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (selection) return;
    const last = customers.length - 1;
    if (event.key === 'ArrowDown') setActiveIndex(Math.min(last, activeIndex + 1));
    else if (event.key === 'ArrowUp') setActiveIndex(Math.max(0, activeIndex - 1));
    else if (event.key === 'Enter' && customers[activeIndex]) onOpen(customers[activeIndex].id);
    else return;
    event.preventDefault();
  };

  return (
    <Box
      ref={list}
      id={listId}
      role="listbox"
      aria-label={label}
      tabIndex={selection ? -1 : 0}
      aria-activedescendant={selection ? undefined : optionId(activeIndex)}
      onKeyDown={onKeyDown}
    >
      {customers.map((customer, index) => (
        <CustomerSummaryRow
          key={customer.id}
          id={optionId(index)}
          customer={customer}
          selected={index === activeIndex}
          onSelect={() => setActiveIndex(index)}
          onOpen={() => onOpen(customer.id)}
        />
      ))}
    </Box>
  );
}

interface CustomerSummaryRowProps {
  id: string;
  customer: CustomerSummary;
  selected: boolean;
  onSelect(): void;
  onOpen(): void;
}

function CustomerSummaryRow({ id, customer, selected, onSelect, onOpen }: CustomerSummaryRowProps) {
  const { t } = useTranslation();
  return (
    <Box
      id={id}
      role="option"
      aria-selected={selected}
      className="koe-result-row"
      onMouseMove={selected ? undefined : onSelect}
      // mousedown would move the focus out of the search field before the click lands.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onOpen}
    >
      <Group wrap="nowrap" gap="lg">
        <Box w={220} style={{ flexShrink: 0 }}>
          <NameWithReading customer={customer} />
        </Box>
        <Box w={90} style={{ flexShrink: 0 }}>
          <TierBadge tier={customer.tier} />
        </Box>
        <Group gap={6} wrap="nowrap" w={170} style={{ flexShrink: 0 }}>
          <IconPhone size={16} aria-hidden color="var(--mantine-color-dimmed)" />
          <Text size="sm" className="koe-tabular">
            {customer.phone ? formatPhone(customer.phone) : t('search.noPhone')}
          </Text>
        </Group>
        <Text size="sm" w={90} style={{ flexShrink: 0 }}>
          {customer.prefecture ?? ''}
        </Text>
        <Group gap={6} wrap="nowrap" ml="auto">
          <IconReceipt size={16} aria-hidden color="var(--mantine-color-dimmed)" />
          <Text size="xs" c="dimmed">
            {t('search.lastOrder')}
          </Text>
          <Text size="sm" ff="monospace">
            {customer.lastOrderNumber ?? t('search.noOrders')}
          </Text>
        </Group>
      </Group>
    </Box>
  );
}
