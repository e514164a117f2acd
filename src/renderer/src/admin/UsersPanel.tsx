import { Alert, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../shared/protocol/accounts';
import { ErrorState } from '../app/ErrorState';
import { callKoe } from '../app/koe-call';
import { AdminNote, AdminPanelHead, AdminTable } from './AdminTable';
import { useAdminList } from './use-admin-list';
import { ConfirmDialog, useConfirmation } from './ConfirmDialog';
import { UserRow } from './UserRow';

/** The user list's columns: their headings are `users.column.<column>`. */
const USER_COLUMNS = ['name', 'role', 'center', 'status', 'lastSignIn'] as const;

/**
 * The retailer's users, read from its server each time the tab opens (a supervisor gets their
 * own center's agents only: the server scopes it): name and reading, role, center, status, last
 * sign-in. Disable asks first and says that the user's desks will erase their customer data;
 * Enable lets the user sign in again. Each notice says what the server answered.
 */
export function UsersPanel({ selfId, supervisor }: { selfId: string; supervisor: boolean }) {
  const { t } = useTranslation();
  const confirmation = useConfirmation<UserSummary>();
  const [enabling, setEnabling] = useState<string | null>(null);
  // What the server answered, worded at render time (it follows a language switch).
  const [notice, setNotice] = useState<
    { kind: 'disabled'; name: string; desks: number } | { kind: 'enabled'; name: string } | null
  >(null);

  const list = useAdminList('admin:users', 'users');

  if (!list.ready) return list.placeholder;
  const { value: users, setValue: setUsers } = list;

  const replace = (userId: string, disabledAt: string | null) =>
    setUsers(users.map((u) => (u.userId === userId ? { ...u, disabledAt } : u)));

  const disable = async (user: UserSummary) => {
    const disabled = await confirmation.take(() =>
      callKoe('admin:disableUser', { userId: user.userId }),
    );
    if (!disabled) return;
    replace(user.userId, disabled.disabledAt);
    setNotice({ kind: 'disabled', name: user.displayName, desks: disabled.revokedDesks });
  };

  const enable = async (user: UserSummary) => {
    setEnabling(user.userId);
    confirmation.setError(null);
    const result = await callKoe('admin:enableUser', { userId: user.userId });
    setEnabling(null);
    if (!result.ok) return confirmation.setError(result.error);
    replace(user.userId, result.value.disabledAt);
    setNotice({ kind: 'enabled', name: user.displayName });
  };

  return (
    <Stack gap="md" data-testid="admin-users">
      <AdminPanelHead
        title={t('users.title')}
        reloadLabel={t('users.reload')}
        onReload={() => {
          setNotice(null);
          list.reload();
        }}
      >
        <AdminNote>{t('users.description')}</AdminNote>
        {supervisor && <AdminNote>{t('users.supervisorScope')}</AdminNote>}
      </AdminPanelHead>
      {notice && (
        <Alert color="teal" variant="light" role="status" data-testid="users-notice">
          {notice.kind === 'disabled'
            ? t('users.disabledNotice', { name: notice.name, count: notice.desks })
            : t('users.enabledNotice', { name: notice.name })}
        </Alert>
      )}
      {confirmation.error && !confirmation.subject && (
        <ErrorState error={confirmation.error} title={null} />
      )}
      {users.length === 0 ? (
        <Text size="sm" data-testid="users-empty">
          {t('users.empty')}
        </Text>
      ) : (
        <AdminTable
          columns={USER_COLUMNS.map((column) => t(`users.column.${column}`))}
          striped
          verticalSpacing="xs"
          data-testid="user-list"
        >
          {users.map((user) => (
            <UserRow
              key={user.userId}
              user={user}
              self={user.userId === selfId}
              enabling={enabling === user.userId}
              onEnable={() => void enable(user)}
              onDisable={() => confirmation.ask(user)}
            />
          ))}
        </AdminTable>
      )}
      <ConfirmDialog
        confirmation={confirmation}
        title={t('users.confirmTitle')}
        body={(user) => t('users.confirmBody', { name: user.displayName })}
        confirmLabel={t('users.confirm')}
        cancelLabel={t('users.cancel')}
        testId="user-disable"
        onConfirm={(user) => void disable(user)}
      />
    </Stack>
  );
}
