import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SentenceWithAction } from '../app/SentenceWithAction';

/** On the start screen until the agent sets a desk PIN: without one the desk cannot lock. */
export function SetPinNotice({ onOpenSettings }: { onOpenSettings(): void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="yellow"
      icon={<IconLock size={18} aria-hidden />}
      mb="md"
      maw={1080}
      mx="auto"
      data-testid="set-pin-notice"
    >
      <SentenceWithAction
        color="yellow"
        action={{ label: t('deskLock.setPinAction'), onClick: onOpenSettings }}
      >
        {t('deskLock.pinNotSet')}
      </SentenceWithAction>
    </Alert>
  );
}
