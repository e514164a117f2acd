import { Alert, Badge, Button, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSummary } from '../../../shared/protocol/devices';
import { callKoe } from '../app/koe-call';
import { AdminTable, AdminTitle } from './AdminTable';
import { useAdminList } from './use-admin-list';
import { useFormatters } from '../i18n/use-formatters';
import { ConfirmDialog, useConfirmation } from './ConfirmDialog';

/** A desk id as people read it: its first block is enough to tell desks apart on screen. */
const shortDesk = (deskId: string) => deskId.slice(0, 13);

/** The device list's columns: their headings are `devices.<column>`. */
const DEVICE_COLUMNS = ['desk', 'center', 'lastUser', 'version', 'lastContact', 'state'] as const;

/**
 * The desks registered with the retailer, as its admin sees them (who used each last, its Koe
 * version, its last contact), and the revocation of one, after a confirmation that says what
 * the desk will do. Read from and written to the retailer's server.
 */
export function DevicesPanel() {
  const { t } = useTranslation();
  const format = useFormatters();
  const confirmation = useConfirmation<DeviceSummary>();
  const [revoked, setRevoked] = useState<string | null>(null);

  const list = useAdminList('admin:devices', 'devices');

  if (!list.ready) return list.placeholder;
  const { value: devices, setValue: setDevices } = list;

  const revoke = async (device: DeviceSummary) => {
    const updated = await confirmation.take(() =>
      callKoe('admin:revokeDevice', { deskId: device.deskId }),
    );
    if (!updated) return;
    setRevoked(device.deskId);
    setDevices(devices.map((d) => (d.deskId === device.deskId ? updated : d)));
  };

  return (
    <Stack gap="xs" data-testid="admin-devices">
      <AdminTitle title={t('devices.title')} description={t('devices.description')} />
      {revoked && (
        <Alert color="teal" role="status" data-testid="device-revoked-notice">
          {t('devices.revokedNotice', { desk: shortDesk(revoked) })}
        </Alert>
      )}
      {devices.length === 0 ? (
        <Text size="sm">{t('devices.none')}</Text>
      ) : (
        <AdminTable
          columns={DEVICE_COLUMNS.map((column) => t(`devices.${column}`))}
          striped
          verticalSpacing="xs"
          data-testid="device-list"
        >
          {devices.map((device) => (
            <Table.Tr key={device.deskId} data-testid={`device-${device.deskId}`}>
              <Table.Td ff="monospace">{shortDesk(device.deskId)}</Table.Td>
              <Table.Td>{device.centerName ?? device.centerId ?? '—'}</Table.Td>
              <Table.Td>{device.lastUserName ?? device.lastUserId}</Table.Td>
              <Table.Td>{device.version ?? t('devices.unknownVersion')}</Table.Td>
              <Table.Td>{format.dateTime(device.lastContactAt)}</Table.Td>
              <Table.Td>
                <Badge color={device.revoked ? 'red' : 'teal'} variant="light">
                  {device.revoked && device.revokedAt
                    ? t('devices.revokedAt', { date: format.dateTime(device.revokedAt) })
                    : t('devices.active')}
                </Badge>
                {device.revokedReason && (
                  <Text size="xs" c="dimmed" data-testid="device-revoked-because">
                    {t(`devices.revokedBecause.${device.revokedReason}`)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {!device.revoked && (
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    onClick={() => confirmation.ask(device)}
                    aria-label={t('devices.revokeLabel', { desk: shortDesk(device.deskId) })}
                    data-testid="device-revoke"
                  >
                    {t('devices.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </AdminTable>
      )}
      <ConfirmDialog
        confirmation={confirmation}
        title={t('devices.confirmTitle')}
        body={(device) =>
          t('devices.confirmBody', {
            desk: shortDesk(device.deskId),
            user: device.lastUserName ?? device.lastUserId,
          })
        }
        confirmLabel={t('devices.confirm')}
        cancelLabel={t('devices.cancel')}
        testId="device-revoke"
        onConfirm={(device) => void revoke(device)}
      />
    </Stack>
  );
}
