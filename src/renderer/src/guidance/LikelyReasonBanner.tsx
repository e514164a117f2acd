import { Alert, Badge, Divider, Group, List, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconBulb } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CardPredictions, Language } from '../../../shared/domain';
import type { ReasonNode } from '../../../shared/domain/guidance';
import {
  describeEvidence,
  reasonLabel,
  type EvidenceItem,
  type LikelyReason,
} from '../../../shared/guidance';
import { PredictedReasons } from './PredictedReasons';

interface LikelyReasonBannerProps {
  reasons: LikelyReason[];
  alerts: EvidenceItem[];
  taxonomy: ReasonNode[];
  language: Language;
  nowDay: number;
  /** The learned model's reasons (card.predictions), shown beside the rules' when present. */
  predictions?: CardPredictions | undefined;
}

/** How many of the evidence sentences to show: the strongest ones fit on the first screen. */
const EVIDENCE_SHOWN = 3;

/**
 * "Likely calling about": the top candidate with its confidence and the evidence in words, the
 * runners-up as chips, and the risk flags the agent must see before saying anything.
 */
export function LikelyReasonBanner({
  reasons,
  alerts,
  taxonomy,
  language,
  nowDay,
  predictions,
}: LikelyReasonBannerProps) {
  const { t } = useTranslation();
  const [top, ...rest] = reasons;
  const describe = (item: EvidenceItem) => describeEvidence(item, language, { taxonomy, nowDay });

  return (
    <Stack
      gap="xs"
      component="section"
      aria-label={t('guidance.likelyTitle')}
      data-testid="likely-reason"
    >
      {alerts.map((alert, index) => (
        <Alert
          key={index}
          color="red"
          variant="light"
          py={6}
          icon={<IconAlertTriangle size={18} />}
          data-testid="risk-alert"
        >
          <Text size="sm">{describe(alert)}</Text>
        </Alert>
      ))}
      <Paper withBorder p="sm" className="koe-likely-reason">
        {top ? (
          <Stack gap={6}>
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Group gap="xs" wrap="nowrap" miw={0}>
                <IconBulb size={18} aria-hidden color="var(--mantine-color-indigo-6)" />
                <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
                  {t('guidance.likelyTitle')}
                </Text>
                <Text fw={700} truncate data-testid="likely-reason-label">
                  {reasonLabel(top.reasonCode, language, taxonomy)}
                </Text>
              </Group>
              <Badge
                variant="light"
                color={top.confidence >= 0.7 ? 'indigo' : 'gray'}
                style={{ flexShrink: 0 }}
                aria-label={t('guidance.confidenceLabel', {
                  percent: Math.round(top.confidence * 100),
                })}
              >
                {t('guidance.confidence', { percent: Math.round(top.confidence * 100) })}
              </Badge>
            </Group>
            <List size="sm" spacing={2} data-testid="likely-reason-evidence">
              {top.evidence.slice(0, EVIDENCE_SHOWN).map((item, index) => (
                <List.Item key={index}>{describe(item)}</List.Item>
              ))}
            </List>
            {rest.length > 0 && (
              <Group gap={4}>
                <Text size="xs" c="dimmed">
                  {t('guidance.otherReasons')}
                </Text>
                {rest.slice(0, 3).map((r) => (
                  <Badge key={r.reasonCode} size="sm" variant="default">
                    {reasonLabel(r.reasonCode, language, taxonomy)} {Math.round(r.confidence * 100)}
                    %
                  </Badge>
                ))}
              </Group>
            )}
          </Stack>
        ) : (
          <Group gap="xs">
            <IconBulb size={18} aria-hidden color="var(--mantine-color-dimmed)" />
            <Text size="sm" c="dimmed">
              {t('guidance.likelyNone')}
            </Text>
          </Group>
        )}
        {predictions && predictions.reasons.length > 0 && (
          <>
            <Divider my={8} />
            <PredictedReasons
              reasons={predictions.reasons}
              trainingCalls={predictions.reasonModel?.trainingCalls ?? null}
              taxonomy={taxonomy}
              language={language}
            />
          </>
        )}
      </Paper>
    </Stack>
  );
}
