import { Alert, Stack, Tabs, Text, Title } from '@mantine/core';
import {
  IconAdjustments,
  IconDeviceDesktop,
  IconDownload,
  IconLock,
  IconShieldLock,
  IconUsers,
  IconWebhook,
} from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
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
import { UsersPanel } from './UsersPanel';
import { WebhooksPanel } from './WebhooksPanel';

export function canAdminister(agent: SignedInAgent | null): boolean {
  return agent !== null && (ADMIN_ROLES as readonly string[]).includes(agent.role);
}

/** The tabs a supervisor sees: their own center's desks and agents (the server scopes both). */
const SUPERVISOR_TABS: readonly string[] = ['devices', 'users'];

/**
 * The retailer admin's settings, read from and written to the retailer's server (nothing is
 * kept on the desktop): webhooks, the fraud / VIP thresholds and their fitted weights,
 * bulk-access policies and escalations, desktop updates, the registered desks, users, locked
 * accounts. A supervisor sees the desks and users tabs only, for their own center.
 */
export function AdminView({ agent }: { agent: SignedInAgent | null }) {
  const { t } = useTranslation();
  const [thresholdsVersion, setThresholdsVersion] = useState(0);
  if (!agent || !canAdminister(agent)) {
    return (
      <Alert color="red" variant="light" role="alert">
        {t('admin.refused')}
      </Alert>
    );
  }
  // One entry per tab, in the order shown: its id (also its test id), icon, label and panel.
  const supervisor = agent.role === 'supervisor';
  const allTabs: {
    value: string;
    testId: string;
    icon: ReactNode;
    label: string;
    panel: ReactNode;
  }[] = [
    {
      value: 'webhooks',
      testId: 'admin-tab-webhooks',
      icon: <IconWebhook size={16} />,
      label: t('admin.tabs.webhooks'),
      panel: <WebhooksPanel />,
    },
    {
      value: 'thresholds',
      testId: 'admin-tab-thresholds',
      icon: <IconAdjustments size={16} />,
      label: t('admin.tabs.thresholds'),
      panel: (
        <Stack gap="xl">
          {/* Saving fitted weights changes the thresholds too: the form reloads them. */}
          <RiskThresholdsPanel key={thresholdsVersion} />
          <RiskFitPanel onSaved={() => setThresholdsVersion((v) => v + 1)} />
        </Stack>
      ),
    },
    {
      value: 'bulkAccess',
      testId: 'admin-tab-bulk-access',
      icon: <IconShieldLock size={16} />,
      label: t('admin.tabs.bulkAccess'),
      panel: (
        <Stack gap="xl">
          <BulkAccessPoliciesPanel />
          <EscalationsPanel />
        </Stack>
      ),
    },
    {
      value: 'updates',
      testId: 'admin-tab-updates',
      icon: <IconDownload size={16} />,
      label: t('updates.admin.tab'),
      panel: <DeskUpdatesPanel />,
    },
    {
      value: 'devices',
      testId: 'admin-tab-devices',
      icon: <IconDeviceDesktop size={16} />,
      label: t('devices.tab'),
      panel: <DevicesPanel />,
    },
    {
      value: 'users',
      testId: 'admin-tab-users',
      icon: <IconUsers size={16} />,
      label: t('users.tab'),
      panel: <UsersPanel selfId={agent.id} supervisor={supervisor} />,
    },
    {
      value: 'locked-accounts',
      testId: 'admin-tab-locked-accounts',
      icon: <IconLock size={16} />,
      label: t('lockedAccounts.tab'),
      panel: <LockedAccountsPanel />,
    },
  ];
  const tabs = supervisor ? allTabs.filter((tab) => SUPERVISOR_TABS.includes(tab.value)) : allTabs;
  return (
    <Stack gap="md" maw={1100} mx="auto" data-testid="admin-view">
      <Stack gap={2}>
        <Title order={2}>{t('admin.title')}</Title>
        <Text size="sm" c="dimmed">
          {t(supervisor ? 'admin.supervisorDescription' : 'admin.description')}
        </Text>
      </Stack>
      <Tabs defaultValue={tabs[0]!.value} keepMounted={false}>
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab
              key={tab.value}
              value={tab.value}
              leftSection={tab.icon}
              data-testid={tab.testId}
            >
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab.value} value={tab.value} pt="md">
            {tab.panel}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
