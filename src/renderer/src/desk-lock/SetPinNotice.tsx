import { Alert, Button, Group, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

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
      <Group justify="space-between" gap="sm">
        <Text size="sm">{t('deskLock.pinNotSet')}</Text>
        <Button size="compact-sm" variant="light" color="yellow" onClick={onOpenSettings}>
          {t('deskLock.setPinAction')}
        </Button>
      </Group>
    </Alert>
  );
}
