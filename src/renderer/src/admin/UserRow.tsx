import { Table, Text } from '@mantine/core';
import { IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../shared/protocol/accounts';
import { spokenReading } from '../customers';
import { useFormatters } from '../i18n/use-formatters';
import { AdminAction, StateBadge } from './AdminTable';

/**
 * One of the retailer's users in the admin's list: name and reading, role, center, state, last
 * sign-in, and Enable or Disable (Disable asks first, in the panel); neither on one's own row.
 */
export function UserRow({
  user,
  self,
  enabling,
  onEnable,
  onDisable,
}: {
  user: UserSummary;
  /** The signed-in admin's own row: marked, and with no action (one does not disable oneself). */
  self: boolean;
  enabling: boolean;
  onEnable(): void;
  onDisable(): void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const reading = user.nameKana ? spokenReading(user.nameKana, language) : '';
  return (
    <Table.Tr data-testid={`user-${user.userId}`}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {user.displayName}
          {self ? ` ${t('users.you')}` : ''}
        </Text>
        {reading && (
          <Text size="xs" c="dimmed" data-testid="user-reading">
            {reading}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{t(`lockedAccounts.role.${user.role}`)}</Table.Td>
      <Table.Td>{user.centerName ?? user.centerId ?? t('users.allCenters')}</Table.Td>
      <Table.Td>
        <StateBadge
          stoppedAt={user.disabledAt}
          stoppedLabel={(date) => t('users.disabledAt', { date })}
          activeLabel={t('users.active')}
        />
      </Table.Td>
      <Table.Td>
        {user.lastSignInAt ? format.dateTime(user.lastSignInAt) : t('users.neverSignedIn')}
      </Table.Td>
      <Table.Td>
        {!self &&
          (user.disabledAt ? (
            <AdminAction
              variant="light"
              icon={IconUserCheck}
              loading={enabling}
              onClick={onEnable}
              aria-label={t('users.enableLabel', { name: user.displayName })}
              data-testid="user-enable"
            >
              {t('users.enable')}
            </AdminAction>
          ) : (
            <AdminAction
              variant="light"
              color="red"
              icon={IconUserOff}
              onClick={onDisable}
              aria-label={t('users.disableLabel', { name: user.displayName })}
              data-testid="user-disable"
            >
              {t('users.disable')}
            </AdminAction>
          ))}
      </Table.Td>
    </Table.Tr>
  );
}
