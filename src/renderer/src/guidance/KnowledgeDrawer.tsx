import { Badge, Drawer, Group, Loader, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBook2, IconSearch } from '@tabler/icons-react';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { ErrorState } from '../app/ErrorState';
import { useKoeQuery } from '../app/use-koe-query';
import { CALL_SHORTCUTS } from '../app/shortcuts';
import { ShortcutKeys } from '../app/ShortcutKeys';
import { KnowledgeAnswerCard } from './KnowledgeAnswerCard';

const KNOWLEDGE_DEBOUNCE_MS = 150;

interface KnowledgeDrawerProps {
  opened: boolean;
  onClose(): void;
  /** The call's language: answers are read to the customer. */
  language: Language;
}

/** Approved answers, searched as the agent types; each answer shown as plain text. Memoized:
 * closed through most of a call, it has nothing new to show when the workspace renders again. */
export const KnowledgeDrawer = memo(function KnowledgeDrawer({
  opened,
  onClose,
  language,
}: KnowledgeDrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size={520}
      title={
        <Group gap="xs">
          <IconBook2 size={20} aria-hidden />
          <Text fw={600}>{t('knowledge.title')}</Text>
          <ShortcutKeys hotkey={CALL_SHORTCUTS.knowledge} />
        </Group>
      }
      scrollAreaComponent={ScrollArea.Autosize}
    >
      {opened && <KnowledgeSearch language={language} />}
    </Drawer>
  );
});

function KnowledgeSearch({ language }: { language: Language }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), KNOWLEDGE_DEBOUNCE_MS);
  const answers = useKoeQuery('knowledge:search', { query: debounced, language, limit: 10 });

  const list =
    answers.status === 'success'
      ? answers.value
      : answers.status === 'loading'
        ? (answers.previous ?? [])
        : [];

  return (
    <Stack gap="sm">
      <TextInput
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        placeholder={t('knowledge.placeholder')}
        aria-label={t('knowledge.label')}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={answers.status === 'loading' ? <Loader size={14} /> : undefined}
        data-autofocus
        autoComplete="off"
        maxLength={100}
        data-testid="knowledge-query"
      />
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          {t('knowledge.language')}
        </Text>
        <Badge size="sm" variant="default">
          {t(`language.${language}`)}
        </Badge>
      </Group>
      {answers.status === 'error' ? (
        <ErrorState error={answers.error} onRetry={answers.retry} />
      ) : answers.status === 'success' && list.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="knowledge-empty">
          {debounced ? t('knowledge.noResults', { query: debounced }) : t('knowledge.empty')}
        </Text>
      ) : (
        list.map((answer) => <KnowledgeAnswerCard key={answer.id} answer={answer} />)
      )}
    </Stack>
  );
}
