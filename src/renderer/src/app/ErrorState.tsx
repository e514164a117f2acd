import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../shared/ipc';
import { errorText } from './error-text';
import { OutcomeAlert } from './OutcomeAlert';

/**
 * A failed read or a refused action: says what failed in the agent's language (by the error's
 * code), keeps the core's own words beneath as the technical detail, and offers to try again.
 * `title` names what could not be read, where the screen knows it better than "could not be
 * loaded"; null for an action's refusal, whose sentence says it all.
 */
export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: IpcError;
  onRetry?: () => void;
  title?: string | null;
}) {
  const { t } = useTranslation();
  return (
    <OutcomeAlert
      outcome="failure"
      title={title === undefined ? t('app.loadFailed') : title}
      maw={720}
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorText(error, t)}</Text>
        {error.message && (
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
            {t('app.technicalDetail')}: {error.message}
          </Text>
        )}
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        )}
      </Stack>
    </OutcomeAlert>
  );
}
