import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * The lint's verdict: clean, or every problem that blocks the publish, in the trainer's words
 * (scripts and approved answers each word their own issues).
 */
export function LintPanel({ messages }: { messages: readonly string[] }) {
  const { t } = useTranslation();
  if (messages.length === 0) {
    return (
      <Alert
        color="teal"
        variant="light"
        icon={<IconCircleCheck size={18} />}
        data-testid="lint-clean"
      >
        {t('studio.lint.clean')}
      </Alert>
    );
  }
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={t('studio.lint.blocking', { count: messages.length })}
      data-testid="lint-issues"
    >
      <List size="sm" spacing={2}>
        {messages.map((message, i) => (
          <List.Item key={i}>
            <Text fz="sm">{message}</Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
