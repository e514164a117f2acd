import { Divider, EmptyState, Group, Kbd, Stack, Text } from '@mantine/core';
import { IconHeadset } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/ipc';
import { modifierKeyLabel } from '../search/shortcut-labels';

/** Before any search or call: what the agent can do, and the keys to do it. */
export function HomeView({ appInfo }: { appInfo: AppInfo | null }) {
  const { t } = useTranslation();
  return (
    <EmptyState
      mt={80}
      size="lg"
      variant="light"
      icon={<IconHeadset size={40} />}
      title={t('home.title')}
      description={t('home.description')}
      maw={640}
      mx="auto"
    >
      <EmptyState.Actions>
        <Stack gap="xs" align="center">
          <Group gap="xs">
            <Kbd>/</Kbd>
            <Divider orientation="vertical" />
            <Kbd>{modifierKeyLabel()}</Kbd>
            <Kbd>K</Kbd>
            <Text size="sm" c="dimmed">
              {t('home.searchHint')}
            </Text>
          </Group>
          {appInfo && (
            <Text size="xs" c="dimmed">
              {t('app.customerCount', { count: appInfo.customerCount })}
            </Text>
          )}
        </Stack>
      </EmptyState.Actions>
    </EmptyState>
  );
}
