import { Button, Group, Paper, Text } from '@mantine/core';
import { IconPhoneOutgoing } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The way from the start screen to the proactive outreach list, between calls. */
export function OutreachEntryPoint({ onOpen }: { onOpen(): void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" maw={640} mx="auto" w="100%">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed">
          {t('outreach.navHint')}
        </Text>
        <Button
          variant="light"
          leftSection={<IconPhoneOutgoing size={16} aria-hidden />}
          onClick={onOpen}
          data-testid="open-outreach"
        >
          {t('outreach.nav')}
        </Button>
      </Group>
    </Paper>
  );
}
