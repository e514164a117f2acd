import { Badge, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/ipc';

export function Brand({ appInfo }: { appInfo: AppInfo | null }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
      <ThemeIcon size={40} radius="md" variant="filled" aria-hidden>
        <Text span fw={700} fz={22} lh={1}>
          {t('app.nameNative')}
        </Text>
      </ThemeIcon>
      <Stack gap={0}>
        <Group gap={6} wrap="nowrap">
          <Text component="h1" fw={700} fz="xl" lh={1.1} m={0}>
            {t('app.name')}
          </Text>
          {appInfo?.dataSource === 'demo' && (
            <Badge size="xs" variant="light" color="gray">
              {t('app.demoData')}
            </Badge>
          )}
        </Group>
        {/* On the centers' 1280 and 1366 px screens the search field needs the room more. */}
        <Text size="xs" c="dimmed" lh={1.2} visibleFrom="xl">
          {t('app.tagline')}
        </Text>
      </Stack>
    </Group>
  );
}
