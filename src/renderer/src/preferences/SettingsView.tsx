import { Badge, Button, Grid, Group, Kbd, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ComponentProps, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/ipc';
import { modifierKeyLabel } from '../app/shortcut-labels';
import { describedBy, TitledSection } from '../app/TitledSection';
import { CtiConnection } from '../cti';
import { DeskPinSettings } from '../desk-lock';
import { LanguageSwitch } from './LanguageSwitch';
import { RetailerConnectionForm, SignOutWipe } from '../sync';
import { ThemeChoice } from './ThemeChoice';

/** One section of the settings page, roomier than the insights' cards. */
function SettingsSection(props: Omit<ComponentProps<typeof TitledSection>, 'size'>) {
  return <TitledSection {...props} size="roomy" />;
}

function SettingRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md">
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {children}
    </Group>
  );
}

/** The data this desktop uses now: the embedded demo retailer, or a retailer's address. */
function DataSource({ appInfo }: { appInfo: AppInfo | null }) {
  const { t } = useTranslation();
  if (!appInfo) return null;
  return (
    <Paper bg="var(--mantine-color-default-hover)" radius="sm" p="sm" data-testid="data-source">
      <Stack gap={4}>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('settings.retailer.currentSource')}
          </Text>
          {appInfo.dataSource === 'demo' ? (
            <Badge variant="light" color="gray">
              {t('app.demoData')}
            </Badge>
          ) : (
            <Text size="sm" fw={600} ff="monospace" style={{ wordBreak: 'break-all' }}>
              {appInfo.retailerUrl}
            </Text>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {appInfo.dataSource === 'demo'
            ? t('settings.retailer.demoDescription')
            : t('settings.retailer.retailerDescription')}
        </Text>
      </Stack>
    </Paper>
  );
}

export function SettingsView({ appInfo, onClose }: { appInfo: AppInfo | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Stack maw={1080} mx="auto" gap="md" data-testid="settings-view">
      <Group justify="space-between" align="center">
        <Group gap="sm">
          <Button
            variant="subtle"
            leftSection={<IconArrowLeft size={18} aria-hidden />}
            onClick={onClose}
            px="xs"
          >
            {t('settings.back')}
          </Button>
          <Title order={2}>{t('settings.title')}</Title>
        </Group>
        <Group gap={4} aria-label={t('settings.shortcutHint')}>
          <Text size="xs" c="dimmed" mr={4}>
            {t('settings.shortcutHint')}
          </Text>
          <Kbd size="xs">{modifierKeyLabel()}</Kbd>
          <Kbd size="xs">,</Kbd>
        </Group>
      </Group>

      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <SettingsSection title={t('settings.display')}>
            <SettingRow label={t('settings.language')}>
              <LanguageSwitch />
            </SettingRow>
            <SettingRow label={t('settings.theme')}>
              <ThemeChoice />
            </SettingRow>
          </SettingsSection>
          <Stack mt="md">
            <SettingsSection {...describedBy('settings.cti', t)} testId="cti-section">
              <CtiConnection />
            </SettingsSection>
            <SettingsSection title={t('deskLock.setPinTitle')} testId="desk-pin-section">
              <DeskPinSettings />
            </SettingsSection>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <SettingsSection {...describedBy('settings.retailer', t)} testId="retailer-section">
            <DataSource appInfo={appInfo} />
            <RetailerConnectionForm />
          </SettingsSection>
          <Stack mt="md">
            <SettingsSection {...describedBy('settings.erase', t)} testId="erase-section">
              <SignOutWipe />
            </SettingsSection>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
