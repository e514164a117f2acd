import { Button, EmptyState, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch, IconUserPlus, IconUserQuestion } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenPopResult } from '../../../shared/ipc';
import { CustomerSummaryList, useCustomerSearch } from '../customers';

interface CallerChooserProps {
  pop: ScreenPopResult;
  /** The number as the agent reads it. */
  shownPhone: string;
  onChoose(customerId: string | null): void;
}

/**
 * A ring that did not name one customer: a chooser when several share the number (a household
 * phone), or a new caller to find by name, order number or e-mail — or to go on without.
 */
export function CallerChooser({ pop, shownPhone, onChoose }: CallerChooserProps) {
  const { t } = useTranslation();
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Keyboard first: ↑↓ and Enter pick a customer at once.
    list.current?.querySelector<HTMLElement>('[role="listbox"]')?.focus();
  }, []);

  if (pop.matches.length > 0) {
    return (
      <Paper withBorder p="md" ref={list} data-testid="caller-chooser">
        <Text fw={600}>{t('screenPop.chooserTitle', { count: pop.matches.length })}</Text>
        <Text size="sm" c="dimmed" mb="sm">
          {t('screenPop.chooserDescription')}
        </Text>
        <CustomerSummaryList
          customers={pop.matches}
          onOpen={(id) => onChoose(id)}
          label={t('screenPop.chooserTitle', { count: pop.matches.length })}
        />
        <Text size="xs" c="dimmed" mt="xs">
          {t('search.keyboardHint')}
        </Text>
      </Paper>
    );
  }
  return <NewCaller shownPhone={shownPhone} unreadable={!pop.e164} onChoose={onChoose} />;
}

function NewCaller({
  shownPhone,
  unreadable,
  onChoose,
}: {
  shownPhone: string;
  unreadable: boolean;
  onChoose(customerId: string | null): void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const search = useCustomerSearch(text, true);
  const customers = search.result.status === 'success' ? search.result.value.customers : [];

  return (
    <Stack gap="sm" data-testid="new-caller">
      <EmptyState
        variant="light"
        icon={<IconUserQuestion size={32} />}
        title={unreadable ? t('call.withheldTitle') : t('screenPop.newCallerTitle')}
        description={
          unreadable
            ? t('call.withheldDescription')
            : t('screenPop.newCallerDescription', { phone: shownPhone })
        }
      />
      <Paper withBorder p="md">
        <Stack gap="sm">
          <TextInput
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            onKeyDown={(event) => search.handleKey(event, (id) => onChoose(id))}
            placeholder={t('search.placeholder')}
            aria-label={t('call.findCaller')}
            leftSection={<IconSearch size={16} aria-hidden />}
            role="combobox"
            aria-expanded={customers.length > 0}
            aria-controls={search.listId}
            aria-activedescendant={search.activeOptionId}
            autoComplete="off"
            data-autofocus
            autoFocus
          />
          {search.result.status === 'success' && customers.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('search.noResultsDescription', { query: search.query })}
            </Text>
          )}
          {customers.length > 0 && (
            <CustomerSummaryList
              customers={customers}
              onOpen={(id) => onChoose(id)}
              label={t('search.resultsLabel')}
              selection={search}
            />
          )}
          <Group justify="flex-end">
            <Button
              variant="light"
              leftSection={<IconUserPlus size={16} aria-hidden />}
              onClick={() => onChoose(null)}
              data-testid="continue-new-caller"
            >
              {t('call.continueAsNew')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
