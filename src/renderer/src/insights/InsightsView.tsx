import {
  Badge,
  Center,
  Grid,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
  type SegmentedControlProps,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignedInAgent } from '../../../shared/ipc';
import type { InsightsBucket } from '../../../shared/protocol/insights';
import { ErrorState } from '../app/ErrorState';
import { useKoeQuery } from '../app/use-koe-query';
import { useFormatters } from '../i18n/use-formatters';
import { AvoidableSection } from './AvoidableSection';
import { DriversSection } from './DriversSection';
import { GroupBarsSection } from './GroupBarsSection';
import { HarassmentSection } from './HarassmentSection';
import { lastWeeks } from './insights-data';
import { PredictionSection } from './PredictionSection';
import { ScriptOutcomesSection } from './ScriptOutcomesSection';
import { useInsightLabels } from './use-insight-labels';
import { WordsDrawer, type WordsSelection } from './WordsDrawer';

const RANGES = [4, 8, 13, 26] as const;

/**
 * Why customers call and whether it is getting better, read from the retailer's server (never
 * cached here). A supervisor sees its own center; trainers and admins may pick one.
 */
export function InsightsView({ agent }: { agent: SignedInAgent | null }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const labels = useInsightLabels();
  const [weeks, setWeeks] = useState<(typeof RANGES)[number]>(8);
  const [bucket, setBucket] = useState<InsightsBucket>('week');
  const [centerId, setCenterId] = useState<string | null>(null);
  const [words, setWords] = useState<WordsSelection | null>(null);
  const supervisor = agent?.role === 'supervisor';
  // Computed once per range choice, so a re-render does not move the window (and refetch).
  const window = useMemo(() => lastWeeks(weeks), [weeks]);
  const scope = {
    from: window.from,
    to: window.to,
    ...(centerId && !supervisor ? { centerId } : {}),
  };
  const query = useKoeQuery('insights:query', { ...scope, bucket });
  const insights =
    query.status === 'success' ? query.value : query.status === 'loading' ? query.previous : null;

  // The centers the caller may see, with their names, from the last answer.
  const [centers, setCenters] = useState<{ id: string; name: string }[]>([]);
  if (insights && JSON.stringify(insights.centers) !== JSON.stringify(centers)) {
    setCenters(insights.centers);
  }
  const centerName = (id: string | null) =>
    id === null ? t('insights.none') : (centers.find((c) => c.id === id)?.name ?? id);

  const toDay = new Date(Date.parse(window.to) - 1).toISOString();
  return (
    <Stack gap="md" maw={1280} mx="auto" data-testid="insights-view">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={2}>
          <Title order={2}>{t('insights.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('insights.description')}
          </Text>
        </Stack>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <LabeledChoice
            label={t('insights.range')}
            value={String(weeks)}
            onChange={(v) => setWeeks(Number(v) as (typeof RANGES)[number])}
            data={RANGES.map((w) => ({
              value: String(w),
              label: t('insights.rangeWeeks', { count: w }),
            }))}
          />
          <LabeledChoice
            label={t('insights.bucket')}
            value={bucket}
            onChange={(v) => setBucket(v as InsightsBucket)}
            data={[
              { value: 'week', label: t('insights.bucketWeek') },
              { value: 'day', label: t('insights.bucketDay') },
            ]}
          />
          {!supervisor && (
            <Select
              size="xs"
              w={220}
              label={t('insights.center')}
              placeholder={t('insights.allCenters')}
              data={[
                { value: '', label: t('insights.allCenters') },
                ...centers.map((c) => ({ value: c.id, label: c.name })),
              ]}
              value={centerId ?? ''}
              onChange={(v) => setCenterId(v ? v : null)}
              allowDeselect={false}
              data-testid="insights-center-filter"
            />
          )}
        </Group>
      </Group>
      <Group gap="xs">
        <Badge
          variant="light"
          color={supervisor ? 'grape' : 'blue'}
          tt="none"
          data-testid="insights-scope"
        >
          {supervisor
            ? t('insights.scopeCenter', { center: centerName(agent?.centerId ?? null) })
            : centerId
              ? centerName(centerId)
              : t('insights.scopeRetailer')}
        </Badge>
        <Text size="sm" c="dimmed">
          {t('insights.rangeLabel', {
            from: format.date(window.from),
            to: format.date(toDay),
          })}
        </Text>
        {insights && (
          <Text size="sm" fw={500} data-testid="insights-total">
            {t('insights.total', { count: insights.total })}
          </Text>
        )}
        {query.status === 'loading' && <Loader size="xs" aria-label={t('insights.loading')} />}
      </Group>

      {query.status === 'error' && (
        <ErrorState title={t('insights.loadFailed')} error={query.error} onRetry={query.retry} />
      )}
      {!insights && query.status === 'loading' && (
        <Center mih={240}>
          <Loader aria-label={t('insights.loading')} />
        </Center>
      )}
      {insights && insights.total === 0 && (
        <Text c="dimmed" data-testid="insights-empty">
          {t('insights.empty')}
        </Text>
      )}
      {insights && insights.total > 0 && (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <DriversSection
              insights={insights}
              reasonLabel={labels.reason}
              onShowWords={(reason) =>
                setWords({ title: labels.reason(reason), filter: { reason } })
              }
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack gap="md">
              <AvoidableSection insights={insights} />
              <HarassmentSection
                insights={insights}
                onShowWords={() =>
                  setWords({
                    title: t('insights.harassment.wordsTitle'),
                    filter: { harassment: 'true' },
                  })
                }
              />
            </Stack>
          </Grid.Col>
          {!supervisor && !centerId && (
            <Grid.Col span={{ base: 12, md: 4 }}>
              <GroupBarsSection
                title={t('insights.byCenter.title')}
                groups={insights.byCenter}
                label={centerName}
                testId="insights-by-center"
              />
            </Grid.Col>
          )}
          <Grid.Col span={{ base: 12, md: !supervisor && !centerId ? 4 : 6 }}>
            <GroupBarsSection
              title={t('insights.byCarrier.title')}
              description={t('insights.byCarrier.description')}
              groups={insights.byCarrier}
              label={labels.carrier}
              testId="insights-by-carrier"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: !supervisor && !centerId ? 4 : 6 }}>
            <GroupBarsSection
              title={t('insights.byProduct.title')}
              description={t('insights.byProduct.description')}
              groups={insights.byProduct}
              label={(k) => k ?? t('insights.none')}
              testId="insights-by-product"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <PredictionSection insights={insights} reasonLabel={labels.reason} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <ScriptOutcomesSection insights={insights} />
          </Grid.Col>
        </Grid>
      )}
      <WordsDrawer
        selection={words}
        window={scope}
        onClose={() => setWords(null)}
        centerName={centerName}
      />
    </Stack>
  );
}

/**
 * One of the view's choices (range, bucket): its small label above it, and the same words for a
 * screen reader.
 */
function LabeledChoice({ label, ...choice }: { label: string } & SegmentedControlProps) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <SegmentedControl size="xs" aria-label={label} {...choice} />
    </Stack>
  );
}
