import {
  Alert,
  Badge,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertOctagon, IconHandStop } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FLOOR_ROLES } from '../../../shared/floor-ipc';
import type { SignedInAgent } from '../../../shared/ipc';
import type { FloorAgent, FloorAlert } from '../../../shared/protocol/supervisor-alerts';
import { ErrorState } from '../app/ErrorState';
import { ViewTabs, type ViewTab } from '../app/ViewTabs';
import { useFormatters } from '../i18n/use-formatters';
import { useInsightLabels } from '../insights';
import { useFloor } from './use-floor';
import { AccessAuditPanel } from '../access-audit';
import { AlertHeadline, AlertNote } from './AlertSummary';

/** The floor's own tab, and the access audit's. */
const FLOOR_TABS: readonly ViewTab[] = [
  { value: 'floor', label: 'floor.audit.floorTab', testId: 'floor-tab' },
  { value: 'audit', label: 'floor.audit.tab', testId: 'audit-tab' },
];

const STATUS_COLOR: Record<FloorAgent['status'], string> = {
  ready: 'teal',
  ringing: 'grape',
  on_call: 'blue',
  after_call_work: 'yellow',
  not_ready: 'gray',
};

/**
 * The supervisor's live floor: every agent of the center with their state and how long they
 * have been in it (a call's duration, an after-call timer), today's figures, and the alerts,
 * open ones first, each with "Taking it". Kept live by the floor events on the desk's stream.
 */
export function FloorView({ agent }: { agent: SignedInAgent | null }) {
  const { t } = useTranslation();
  const floor = useFloor();
  const allowed = agent !== null && (FLOOR_ROLES as readonly string[]).includes(agent.role);
  const now = useNow(1_000);

  if (!allowed) {
    return (
      <Alert color="gray" data-testid="floor-forbidden">
        {t('floor.forbidden')}
      </Alert>
    );
  }
  if (!floor.summary && floor.error) {
    return <ErrorState title={t('floor.loadFailed')} error={floor.error} onRetry={floor.reload} />;
  }
  if (!floor.summary) {
    return (
      <Center mih={200}>
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">{t('floor.loading')}</Text>
        </Group>
      </Center>
    );
  }
  const open = floor.alerts.filter((a) => a.acknowledged === null);
  return (
    <Stack gap="md" data-testid="floor-view">
      <Group justify="space-between" align="baseline">
        <Group gap="sm" align="baseline">
          <Title order={2}>{t('floor.title')}</Title>
          <Text size="sm" c="dimmed">
            {agent.role === 'supervisor' && agent.centerId
              ? t('floor.scopeCenter', { center: agent.centerId })
              : t('floor.scopeRetailer')}
          </Text>
        </Group>
        <Badge color="teal" variant="dot">
          {t('floor.live')}
        </Badge>
      </Group>
      <ViewTabs tabs={FLOOR_TABS}>
        <Tabs.Panel value="floor">
          <Stack gap="md">
            <FloorTiles summary={floor.summary} />
            <Grid gap="md">
              <Grid.Col span={{ base: 12, md: 7 }}>
                <AgentTable agents={floor.summary.agents} now={now} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Paper withBorder p="md" component="section" aria-label={t('floor.alerts')}>
                  <Group justify="space-between" mb="sm">
                    <Title order={3} fz="md">
                      {t('floor.alerts')}
                    </Title>
                    {open.length > 0 && (
                      <Badge color="red" data-testid="floor-open-alerts">
                        {t('floor.openAlerts', { count: open.length })}
                      </Badge>
                    )}
                  </Group>
                  {floor.alerts.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t('floor.alertsEmpty')}
                    </Text>
                  ) : (
                    <Stack gap="sm">
                      {[...open, ...floor.alerts.filter((a) => a.acknowledged !== null)].map(
                        (alert) => (
                          <AlertCard
                            key={alert.id}
                            alert={alert}
                            onTake={() => floor.acknowledge(alert.id)}
                          />
                        ),
                      )}
                    </Stack>
                  )}
                </Paper>
              </Grid.Col>
            </Grid>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="audit">
          <AccessAuditPanel />
        </Tabs.Panel>
      </ViewTabs>
    </Stack>
  );
}

function FloorTiles({ summary }: { summary: NonNullable<ReturnType<typeof useFloor>['summary']> }) {
  const { t } = useTranslation();
  const labels = useInsightLabels();
  const seconds = (value: number | null) =>
    value === null ? t('floor.tiles.noCalls') : clock(value);
  const tiles: { label: string; value: React.ReactNode; testId: string }[] = [
    { label: t('floor.tiles.callsToday'), value: summary.callsToday, testId: 'tile-calls' },
    {
      label: t('floor.tiles.averageHandle'),
      value: seconds(summary.averageHandleSeconds),
      testId: 'tile-handle',
    },
    {
      label: t('floor.tiles.averageAfterCall'),
      value: seconds(summary.averageAfterCallSeconds),
      testId: 'tile-after-call',
    },
    {
      label: t('floor.tiles.waitingWrapUps'),
      value: summary.waitingWrapUps,
      testId: 'tile-waiting',
    },
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
      {tiles.map((tile) => (
        <Paper key={tile.testId} withBorder p="sm" data-testid={tile.testId}>
          <Text size="xs" c="dimmed">
            {tile.label}
          </Text>
          <Text fz="xl" fw={700}>
            {tile.value}
          </Text>
        </Paper>
      ))}
      <Paper withBorder p="sm" data-testid="tile-reasons">
        <Text size="xs" c="dimmed">
          {t('floor.tiles.topReasons')}
        </Text>
        {summary.topReasonsLastHour.length === 0 ? (
          <Text size="sm">{t('floor.tiles.noReasons')}</Text>
        ) : (
          <Stack gap={0}>
            {summary.topReasonsLastHour.slice(0, 3).map((r) => (
              <Group key={r.reason} justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" truncate>
                  {labels.reason(r.reason)}
                </Text>
                <Text size="sm" fw={700}>
                  {r.calls}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Paper>
    </SimpleGrid>
  );
}

function AgentTable({ agents, now }: { agents: FloorAgent[]; now: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Paper withBorder p="md" component="section" aria-label={t('floor.agents')}>
      <Title order={3} fz="md" mb="sm">
        {t('floor.agents')}
      </Title>
      {agents.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('floor.agentsEmpty')}
        </Text>
      ) : (
        <Table striped verticalSpacing={6} data-testid="floor-agents">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('floor.agentName')}</Table.Th>
              <Table.Th>{t('floor.agentState')}</Table.Th>
              <Table.Th>{t('floor.agentFor')}</Table.Th>
              <Table.Th>{t('floor.agentVersion')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {agents.map((a) => (
              <Table.Tr
                key={a.agentId}
                data-testid="floor-agent"
                data-status={a.status}
                data-presence={a.presence}
              >
                <Table.Td>{a.agentName}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {a.presence !== 'online' && (
                      <Badge
                        color={a.presence === 'locked' ? 'red' : 'dark'}
                        variant="filled"
                        data-testid="floor-agent-presence"
                      >
                        {t(`floor.presence.${a.presence}`)}
                      </Badge>
                    )}
                    {/* Offline: the last state the desk reported, dimmed (it may be stale). */}
                    <Badge
                      color={STATUS_COLOR[a.status]}
                      variant={a.presence === 'offline' ? 'outline' : 'light'}
                    >
                      {t(`agentState.status.${a.status}`)}
                      {a.reason ? ` · ${t(`agentState.reason.${a.reason}`)}` : ''}
                    </Badge>
                  </Group>
                </Table.Td>
                <Table.Td>
                  {a.presence === 'offline' ? (
                    <Text size="sm" c="dimmed">
                      {a.seenAt
                        ? t('floor.lastSeen', { time: format.dateTime(a.seenAt) })
                        : t('floor.neverSeen')}
                    </Text>
                  ) : (
                    <Text size="sm" ff="monospace">
                      {clock(Math.max(0, (now - Date.parse(a.since)) / 1000))}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={a.version ? undefined : 'dimmed'}>
                    {a.version ?? '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function AlertCard({ alert, onTake }: { alert: FloorAlert; onTake(): Promise<void> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [taking, setTaking] = useState(false);
  const open = alert.acknowledged === null;
  const Icon = alert.kind === 'harassment' ? IconAlertOctagon : IconHandStop;
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      bg={open ? 'var(--mantine-color-red-light)' : undefined}
      data-testid="floor-alert"
      data-alert-id={alert.id}
      data-open={open}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Icon size={18} aria-hidden />
            <AlertHeadline alert={alert} fw={700} />
          </Group>
          {/* Dimmed gray fails contrast on the open alert's red tint: plain text there. */}
          <Text size="xs" c={open ? undefined : 'dimmed'}>
            {t('floor.raisedAt', { time: format.dateTime(alert.receivedAt) })}
          </Text>
        </Group>
        {alert.protocolStage && (
          <Text size="xs">{t(`floor.protocolStage.${alert.protocolStage}`)}</Text>
        )}
        <AlertNote alert={alert} lineClamp={3} />
        {alert.escalatedAt && (
          <Badge color="orange" variant="light">
            {t('floor.escalatedAt', { time: format.dateTime(alert.escalatedAt) })}
          </Badge>
        )}
        {open ? (
          <Button
            size="xs"
            color="red"
            style={{ alignSelf: 'flex-start' }}
            loading={taking}
            onClick={() => {
              setTaking(true);
              void onTake().finally(() => setTaking(false));
            }}
            data-testid="floor-take"
          >
            {t('floor.takeIt')}
          </Button>
        ) : (
          <Text size="sm" c="teal.8" fw={600} data-testid="floor-taken-by">
            {t('floor.takenBy', {
              name: alert.acknowledged!.byName,
              time: format.dateTime(alert.acknowledged!.at),
            })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** The current time, ticking: the agents' timers move without a new event. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Seconds as m:ss (h:mm:ss past an hour), as a floor's timers read. */
function clock(totalSeconds: number): string {
  const s = Math.floor(totalSeconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
