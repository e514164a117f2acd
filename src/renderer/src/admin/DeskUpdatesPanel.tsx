import { Badge, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compareVersions, type Release } from '../../../shared/protocol/update-feed';
import { callKoe } from '../app/koe-call';
import { AdminTable, AdminTitle, StateBadge } from './AdminTable';
import { useAdminList } from './use-admin-list';
import { useFormatters } from '../i18n/use-formatters';
import { CenterUpdateRow } from './CenterUpdateRow';

/** One release as the admin halts it: a channel's version, on every platform it was built for. */
interface ReleaseLine {
  channel: string;
  version: string;
  platforms: string[];
  releaseDate: string;
  haltedAt: string | null;
}

function releaseLines(releases: Release[]): ReleaseLine[] {
  const lines = new Map<string, ReleaseLine>();
  for (const r of releases) {
    const key = `${r.channel} ${r.version}`;
    const line = lines.get(key);
    if (line) line.platforms.push(r.platform);
    else lines.set(key, { ...r, platforms: [r.platform] });
  }
  return [...lines.values()].sort(
    (a, b) => a.channel.localeCompare(b.channel) || compareVersions(b.version, a.version),
  );
}

/**
 * Desktop updates, as the retailer admin runs them: each center's channel, staged rollout and
 * minimum version; the uploaded releases, halted or resumed; which desk runs which version.
 * Everything is read from and written to the retailer's server.
 */
export function DeskUpdatesPanel() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [halting, setHalting] = useState<string | null>(null);

  const list = useAdminList('admin:deskUpdates');

  if (!list.ready) return list.placeholder;
  const { value: overview, setValue: setOverview } = list;

  const halt = async (line: ReleaseLine) => {
    setHalting(`${line.channel} ${line.version}`);
    const result = await callKoe('admin:haltRelease', {
      channel: line.channel,
      version: line.version,
      halted: line.haltedAt === null,
    });
    setHalting(null);
    if (result.ok) setOverview({ ...overview, releases: result.value.releases });
    else list.fail(result.error);
  };
  const centerName = (id: string | null) =>
    overview.centers.find((c) => c.centerId === id)?.centerName ?? '—';
  const minimumOf = (id: string | null) =>
    overview.centers.find((c) => c.centerId === id)?.minimumVersion ?? null;
  const lines = releaseLines(overview.releases);

  return (
    <Stack gap="xl" data-testid="admin-desk-updates">
      <Stack gap="xs">
        <AdminTitle
          title={t('updates.admin.centersTitle')}
          description={t('updates.admin.centersDescription')}
        />
        <AdminTable
          columns={[
            t('updates.admin.center'),
            t('updates.admin.channel'),
            t('updates.admin.rollout'),
            t('updates.admin.minimum'),
          ]}
          verticalSpacing="xs"
        >
          {overview.centers.map((center) => (
            <CenterUpdateRow key={center.centerId} center={center} />
          ))}
        </AdminTable>
      </Stack>

      <Stack gap="xs">
        <Title order={3}>{t('updates.admin.releasesTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('updates.admin.releasesDescription')}
        </Text>
        {lines.length === 0 ? (
          <Text size="sm">{t('updates.admin.noReleases')}</Text>
        ) : (
          <AdminTable
            columns={[
              t('updates.admin.channel'),
              t('updates.admin.version'),
              t('updates.admin.platforms'),
              t('updates.admin.releaseDate'),
              t('updates.admin.state'),
            ]}
            data-testid="update-releases"
          >
            {lines.map((line) => (
              <Table.Tr key={`${line.channel} ${line.version}`}>
                <Table.Td>{line.channel}</Table.Td>
                <Table.Td>{line.version}</Table.Td>
                <Table.Td>{line.platforms.sort().join(' · ')}</Table.Td>
                <Table.Td>{format.dateTime(line.releaseDate)}</Table.Td>
                <Table.Td>
                  <StateBadge
                    stoppedAt={line.haltedAt}
                    stoppedLabel={(date) => t('updates.admin.halted', { date })}
                    activeLabel={t('updates.admin.offered')}
                  />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant={line.haltedAt ? 'default' : 'light'}
                    color={line.haltedAt ? undefined : 'red'}
                    loading={halting === `${line.channel} ${line.version}`}
                    onClick={() => void halt(line)}
                    aria-label={`${line.channel} ${line.version}: ${
                      line.haltedAt ? t('updates.admin.resume') : t('updates.admin.halt')
                    }`}
                  >
                    {line.haltedAt ? t('updates.admin.resume') : t('updates.admin.halt')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </AdminTable>
        )}
      </Stack>

      <Stack gap="xs">
        <Title order={3}>{t('updates.admin.desksTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('updates.admin.desksDescription')}
        </Text>
        {overview.desks.length === 0 ? (
          <Text size="sm">{t('updates.admin.noDesks')}</Text>
        ) : (
          <Table withTableBorder striped fz="sm" data-testid="update-desks">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('updates.admin.desk')}</Table.Th>
                <Table.Th>{t('updates.admin.center')}</Table.Th>
                <Table.Th>{t('updates.admin.user')}</Table.Th>
                <Table.Th>{t('updates.admin.version')}</Table.Th>
                <Table.Th>{t('updates.admin.reportedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overview.desks.map((desk) => {
                const minimum = minimumOf(desk.centerId);
                const below = minimum !== null && compareVersions(desk.version, minimum) < 0;
                return (
                  <Table.Tr key={desk.deskId}>
                    <Table.Td ff="monospace">{desk.deskId.slice(0, 13)}</Table.Td>
                    <Table.Td>{centerName(desk.centerId)}</Table.Td>
                    <Table.Td>{desk.userId}</Table.Td>
                    <Table.Td>
                      {desk.version}{' '}
                      {below && (
                        <Badge color="orange" variant="light" size="sm">
                          {t('updates.admin.belowMinimum')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{format.dateTime(desk.reportedAt)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Stack>
  );
}
