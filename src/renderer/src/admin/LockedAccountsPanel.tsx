import { Alert, Stack, Table, Text } from '@mantine/core';
import { IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LockedAccount } from '../../../shared/protocol/accounts';
import { callKoe } from '../app/koe-call';
import { AdminAction, AdminNote, AdminPanelHead, AdminTable } from './AdminTable';
import { useAdminList } from './use-admin-list';
import { useFormatters } from '../i18n/use-formatters';

/**
 * The accounts the retailer locked after too many wrong passwords, each with when its lock ends
 * by itself, and a button to lift it sooner. Read from the retailer's server each time the tab
 * opens (or on refresh): nothing is kept on the desktop.
 */
export function LockedAccountsPanel() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [unlocking, setUnlocking] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const list = useAdminList('admin:lockedAccounts', 'accounts');

  if (!list.ready) return list.placeholder;
  const { value: accounts, setValue: setAccounts } = list;

  const unlock = async (account: LockedAccount) => {
    setUnlocking(account.userId);
    const result = await callKoe('admin:unlockAccount', { userId: account.userId });
    setUnlocking(null);
    if (!result.ok) {
      list.fail(result.error);
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
      <AdminPanelHead
        title={t('lockedAccounts.title')}
        reloadLabel={t('lockedAccounts.reload')}
        onReload={() => {
          setNotice(null);
          list.reload();
        }}
      >
        <AdminNote>{t('lockedAccounts.description')}</AdminNote>
      </AdminPanelHead>
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
        <AdminTable
          columns={[
            t('lockedAccounts.column.name'),
            t('lockedAccounts.column.email'),
            t('lockedAccounts.column.role'),
            t('lockedAccounts.column.center'),
            t('lockedAccounts.column.until'),
          ]}
          verticalSpacing="xs"
          data-testid="locked-accounts"
        >
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
                <AdminAction
                  variant="light"
                  icon={IconLockOpen}
                  loading={unlocking === account.userId}
                  onClick={() => void unlock(account)}
                  aria-label={`${account.displayName}: ${t('lockedAccounts.unlock')}`}
                >
                  {t('lockedAccounts.unlock')}
                </AdminAction>
              </Table.Td>
            </Table.Tr>
          ))}
        </AdminTable>
      )}
    </Stack>
  );
}
