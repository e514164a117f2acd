import { Alert, Stack, Tabs, Text, Title } from '@mantine/core';
import {
  IconAdjustments,
  IconDeviceDesktop,
  IconDownload,
  IconLock,
  IconShieldLock,
  IconWebhook,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_ROLES } from '../../../shared/admin-ipc';
import type { SignedInAgent } from '../../../shared/ipc';
import { BulkAccessPoliciesPanel } from './BulkAccessPoliciesPanel';
import { DeskUpdatesPanel } from './DeskUpdatesPanel';
import { DevicesPanel } from './DevicesPanel';
import { RiskFitPanel } from './RiskFitPanel';
import { LockedAccountsPanel } from './LockedAccountsPanel';
import { EscalationsPanel } from './EscalationsPanel';
import { RiskThresholdsPanel } from './RiskThresholdsPanel';
import { WebhooksPanel } from './WebhooksPanel';

export function canAdminister(agent: SignedInAgent | null): boolean {
  return agent !== null && (ADMIN_ROLES as readonly string[]).includes(agent.role);
}

/**
 * The retailer admin's settings, read from and written to the retailer's server (nothing is
 * kept on the desktop): webhooks, the fraud / VIP thresholds, bulk-access policies, and
 * desktop updates.
 */
export function AdminView({ agent }: { agent: SignedInAgent | null }) {
  const { t } = useTranslation();
  const [thresholdsVersion, setThresholdsVersion] = useState(0);
  if (!canAdminister(agent)) {
    return (
      <Alert color="red" variant="light" role="alert">
        {t('admin.refused')}
      </Alert>
    );
  }
  return (
    <Stack gap="md" maw={1100} mx="auto" data-testid="admin-view">
      <Stack gap={2}>
        <Title order={2}>{t('admin.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('admin.description')}
        </Text>
      </Stack>
      <Tabs defaultValue="webhooks" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab
            value="webhooks"
            leftSection={<IconWebhook size={16} />}
            data-testid="admin-tab-webhooks"
          >
            {t('admin.tabs.webhooks')}
          </Tabs.Tab>
          <Tabs.Tab
            value="thresholds"
            leftSection={<IconAdjustments size={16} />}
            data-testid="admin-tab-thresholds"
          >
            {t('admin.tabs.thresholds')}
          </Tabs.Tab>
          <Tabs.Tab
            value="bulkAccess"
            leftSection={<IconShieldLock size={16} />}
            data-testid="admin-tab-bulk-access"
          >
            {t('admin.tabs.bulkAccess')}
          </Tabs.Tab>
          <Tabs.Tab
            value="updates"
            leftSection={<IconDownload size={16} />}
            data-testid="admin-tab-updates"
          >
            {t('updates.admin.tab')}
          </Tabs.Tab>
          <Tabs.Tab
            value="devices"
            leftSection={<IconDeviceDesktop size={16} />}
            data-testid="admin-tab-devices"
          >
            {t('devices.tab')}
          </Tabs.Tab>
          <Tabs.Tab
            value="locked-accounts"
            leftSection={<IconLock size={16} />}
            data-testid="admin-tab-locked-accounts"
          >
            {t('lockedAccounts.tab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="webhooks" pt="md">
          <WebhooksPanel />
        </Tabs.Panel>
        <Tabs.Panel value="thresholds" pt="md">
          <Stack gap="xl">
            {/* Saving fitted weights changes the thresholds too: the form reloads them. */}
            <RiskThresholdsPanel key={thresholdsVersion} />
            <RiskFitPanel onSaved={() => setThresholdsVersion((v) => v + 1)} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="bulkAccess" pt="md">
          <Stack gap="xl">
            <BulkAccessPoliciesPanel />
            <EscalationsPanel />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="updates" pt="md">
          <DeskUpdatesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="devices" pt="md">
          <DevicesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="locked-accounts" pt="md">
          <LockedAccountsPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
