import { Alert, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconLockOpen, IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../shared/ipc';
import type { LockedAccount } from '../../../shared/protocol/accounts';
import { ErrorState } from '../app/ErrorState';
import { callKoe } from '../app/koe-call';
import { useFormatters } from '../i18n/use-formatters';

/**
 * The accounts the retailer locked after too many wrong passwords, each with when its lock ends
 * by itself, and a button to lift it sooner. Read from the retailer's server each time the tab
 * opens (or on refresh): nothing is kept on the desktop.
 */
export function LockedAccountsPanel() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [accounts, setAccounts] = useState<LockedAccount[] | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [unlocking, setUnlocking] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void callKoe('admin:lockedAccounts', {}).then((result) => {
      if (!current) return;
      if (result.ok) setAccounts(result.value.accounts);
      setLoadError(result.ok ? null : result.error);
    });
    return () => {
      current = false;
    };
  }, [attempt]);

  if (loadError) return <ErrorState error={loadError} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!accounts) return <Loader size="sm" />;

  const unlock = async (account: LockedAccount) => {
    setUnlocking(account.userId);
    const result = await callKoe('admin:unlockAccount', { userId: account.userId });
    setUnlocking(null);
    if (!result.ok) {
      setLoadError(result.error);
      return;
    }
    const name = account.displayName;
    // Said as the server answered: unlocked now, or its lock had ended by itself meanwhile.
    setNotice(
      result.value.unlocked
        ? t('lockedAccounts.unlocked', { name })
        : t('lockedAccounts.alreadyUnlocked', { name }),
    );
    setAccounts(accounts.filter((a) => a.userId !== account.userId));
  };

  return (
    <Stack gap="md" data-testid="admin-locked-accounts">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2} maw={760}>
          <Title order={3}>{t('lockedAccounts.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('lockedAccounts.description')}
          </Text>
        </Stack>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconRefresh size={14} />}
          onClick={() => {
            setNotice(null);
            setAttempt((n) => n + 1);
          }}
        >
          {t('lockedAccounts.reload')}
        </Button>
      </Group>
      {notice && (
        <Alert color="teal" variant="light" role="status" data-testid="locked-accounts-notice">
          {notice}
        </Alert>
      )}
      {accounts.length === 0 ? (
        <Text size="sm" data-testid="locked-accounts-empty">
          {t('lockedAccounts.empty')}
        </Text>
      ) : (
        <Table withTableBorder fz="sm" verticalSpacing="xs" data-testid="locked-accounts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('lockedAccounts.column.name')}</Table.Th>
              <Table.Th>{t('lockedAccounts.column.email')}</Table.Th>
              <Table.Th>{t('lockedAccounts.column.role')}</Table.Th>
              <Table.Th>{t('lockedAccounts.column.center')}</Table.Th>
              <Table.Th>{t('lockedAccounts.column.until')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accounts.map((account) => (
              <Table.Tr key={account.userId} data-testid={`locked-account-${account.userId}`}>
                <Table.Td>{account.displayName}</Table.Td>
                <Table.Td>{account.email}</Table.Td>
                <Table.Td>{t(`lockedAccounts.role.${account.role}`)}</Table.Td>
                <Table.Td>
                  {account.centerName ?? account.centerId ?? t('lockedAccounts.allCenters')}
                </Table.Td>
                <Table.Td>{format.dateTime(account.lockedUntil)}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconLockOpen size={14} />}
                    loading={unlocking === account.userId}
                    onClick={() => void unlock(account)}
                    aria-label={`${account.displayName}: ${t('lockedAccounts.unlock')}`}
                  >
                    {t('lockedAccounts.unlock')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
