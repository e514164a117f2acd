import { Alert, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateNotice as Notice } from '../../../shared/updates/update-notice';
import { useKoeQuery } from '../app/use-koe-query';
import { cornerCardStyle } from '../app/corner-card';

const NO_INPUT = {};

/**
 * When Koe will restart for an update, told before it happens: at the next quit, after this
 * call and its wrap-up (an update the retailer requires), or now. Backed by the shell's updater
 * (the notice is what it reported); a page opened later asks the core for the last one.
 */
export function UpdateNotice() {
  const { t } = useTranslation();
  const initial = useKoeQuery('updates:notice', NO_INPUT);
  const [pushed, setPushed] = useState<Notice | null>(null);
  const [dismissed, setDismissed] = useState<Notice | null>(null);
  useEffect(() => window.koe.on('updates:notice', setPushed), []);
  const notice = pushed ?? (initial.status === 'success' ? initial.value.notice : null);
  if (!notice || notice === dismissed) return null;
  const text =
    notice.kind === 'restarting'
      ? t('updates.restarting')
      : notice.restart === 'after-call'
        ? t('updates.afterCall')
        : t('updates.atQuit');
  return (
    <Alert
      color={notice.kind === 'ready' && notice.restart === 'at-quit' ? 'blue' : 'orange'}
      variant="light"
      icon={<IconDownload size={18} />}
      title={t('updates.title', { version: notice.version })}
      // Only the quiet kind may be put away: a restart the agent must expect stays on screen.
      withCloseButton={notice.kind === 'ready' && notice.restart === 'at-quit'}
      closeButtonLabel={t('updates.dismiss')}
      onClose={() => setDismissed(notice)}
      role="status"
      data-testid="update-notice"
      style={cornerCardStyle('left')}
    >
      <Text size="sm">{text}</Text>
    </Alert>
  );
}
