import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../shared/ipc';
import { errorText } from './error-text';
import { OutcomeAlert } from './OutcomeAlert';

/**
 * A failed read: says what failed in the agent's language (by the error's code), keeps the
 * core's own words beneath as the technical detail, and offers to try again. `title` names what
 * could not be read, where the screen knows it better than "could not be loaded".
 */
export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: IpcError;
  onRetry?: () => void;
  title?: string;
}) {
  const { t } = useTranslation();
  return (
    <OutcomeAlert outcome="failure" title={title ?? t('app.loadFailed')} maw={720}>
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
