import { Alert, Badge, Button, Drawer, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InsightsWord, InsightsWordsQuery } from '../../../shared/protocol/insights';
import { callKoe } from '../app/koe-call';
import { useFormatters } from '../i18n/use-formatters';

export interface WordsSelection {
  title: string;
  filter: Pick<InsightsWordsQuery, 'reason' | 'harassment'>;
}

type WordsWindow = Pick<InsightsWordsQuery, 'from' | 'to' | 'centerId'>;

const PAGE = 20;
const SENTIMENT_COLORS = { positive: 'teal', neutral: 'gray', negative: 'red' } as const;

/**
 * The customers' own words behind a reason (or the harassment reports), newest first, a page at
 * a time. Rendered as plain text: the words are whatever a caller said.
 */
export function WordsDrawer({
  selection,
  window,
  onClose,
  centerName,
}: {
  selection: WordsSelection | null;
  window: WordsWindow;
  onClose(): void;
  centerName(id: string): string;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={selection !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={selection ? t('insights.words.title', { label: selection.title }) : ''}
    >
      {selection && (
        // A new selection is a new list: its pages start over.
        <WordsList
          key={JSON.stringify([selection.filter, window])}
          selection={selection}
          window={window}
          centerName={centerName}
        />
      )}
    </Drawer>
  );
}

function WordsList({
  selection,
  window,
  centerName,
}: {
  selection: WordsSelection;
  window: WordsWindow;
  centerName(id: string): string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [items, setItems] = useState<InsightsWord[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('loading');

  const request = (after: string | null) =>
    callKoe('insights:words', {
      ...window,
      ...selection.filter,
      limit: PAGE,
      ...(after ? { cursor: after } : {}),
    });
  const apply = (result: Awaited<ReturnType<typeof request>>) => {
    if (!result.ok) {
      setState('error');
      return;
    }
    setItems((previous) => [...previous, ...result.value.items]);
    setCursor(result.value.nextCursor);
    setState('idle');
  };

  useEffect(() => {
    let current = true;
    void request(null).then((result) => {
      if (current) apply(result);
    });
    return () => {
      current = false;
    };
    // The first page, once: the list is keyed by its selection.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <Stack gap="sm" data-testid="insights-words">
      <Text size="sm" c="dimmed">
        {t('insights.words.description')}
      </Text>
      {items.map((item) => (
        <Paper key={item.id} withBorder radius="sm" p="sm" data-testid="insights-word">
          <Stack gap={6}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {item.words}
            </Text>
            <Group gap="xs">
              <Text size="xs" c="dimmed">
                {format.dateTime(item.receivedAt)}
              </Text>
              <Text size="xs" c="dimmed">
                {centerName(item.centerId)}
              </Text>
              <Badge size="xs" variant="light" color={SENTIMENT_COLORS[item.sentiment]}>
                {t(`insights.sentiment.${item.sentiment}`)}
              </Badge>
            </Group>
          </Stack>
        </Paper>
      ))}
      {state === 'loading' && <Loader size="sm" aria-label={t('insights.loading')} />}
      {state === 'error' && (
        <Alert color="red" variant="light" role="alert">
          {t('insights.words.loadFailed')}
        </Alert>
      )}
      {state === 'idle' && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('insights.words.empty')}
        </Text>
      )}
      {state === 'idle' && cursor && (
        <Button
          variant="default"
          onClick={() => {
            setState('loading');
            void request(cursor).then(apply);
          }}
        >
          {t('insights.words.more')}
        </Button>
      )}
    </Stack>
  );
}
