import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ScriptLintIssue } from '../../../shared/guidance';
import { useLintMessage } from './lint-message';

/** The lint's verdict: clean, or every problem that blocks the publish. */
export function LintPanel({ issues }: { issues: readonly ScriptLintIssue[] }) {
  const { t } = useTranslation();
  const lintMessage = useLintMessage();
  if (issues.length === 0) {
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
      title={t('studio.lint.blocking', { count: issues.length })}
      data-testid="lint-issues"
    >
      <List size="sm" spacing={2}>
        {issues.map((issue, i) => (
          <List.Item key={i}>
            <Text fz="sm">{lintMessage(issue)}</Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
