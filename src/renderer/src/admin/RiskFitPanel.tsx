import { Alert, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskCurvePoint, RiskFit, RiskSignalFit } from '../../../shared/admin-ipc';
import type {
  CLAIM_RISK_FEATURES,
  RETURN_ABUSE_FEATURES,
  RiskThresholds,
  RiskThresholdsUpdate,
} from '../../../shared/protocol/risk-thresholds';
import { callKoe } from '../app/koe-call';
import { errorText } from '../app/error-text';

type Signal = 'claim' | 'returns';
type RiskFeature = (typeof CLAIM_RISK_FEATURES)[number] | (typeof RETURN_ABUSE_FEATURES)[number];

/** Which threshold and weights each signal's save sets. */
const SAVE_KEYS = {
  claim: { threshold: 'claimRiskThreshold', weights: 'claimRiskWeights' },
  returns: { threshold: 'returnAbuseThreshold', weights: 'returnAbuseWeights' },
} as const;

/**
 * The risk scores fitted to the retailer's settled outcomes (admin:fitRisk, on this desk's
 * cache): the weights, the held-out AUC beside the hand-set score's, and the precision/recall
 * curve, from which the admin picks a threshold and saves it with the weights (every desk then
 * scores with them), or goes back to the hand-set weights.
 */
export function RiskFitPanel({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const [fit, setFit] = useState<RiskFit | null>(null);
  const [fitting, setFitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<RiskThresholds | null>(null);
  const [saved, setSaved] = useState<Signal | null>(null);

  useEffect(() => {
    let live = true;
    void callKoe('admin:riskThresholds', {}).then((r) => {
      if (live && r.ok) setCurrent(r.value);
    });
    return () => {
      live = false;
    };
  }, []);

  const run = async () => {
    setFitting(true);
    setError(null);
    const result = await callKoe('admin:fitRisk', {});
    setFitting(false);
    if (result.ok) setFit(result.value);
    else setError(errorText(result.error, t));
  };

  const save = async (signal: Signal, update: RiskThresholdsUpdate) => {
    setError(null);
    const result = await callKoe('admin:saveRiskThresholds', update);
    if (result.ok) {
      setCurrent(result.value);
      setSaved(signal);
      onSaved();
    } else {
      setError(errorText(result.error, t));
    }
  };

  return (
    <Stack gap="md" maw={760} data-testid="admin-risk-fit">
      <Stack gap={2}>
        <Title order={3}>{t('admin.riskFit.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('admin.riskFit.description')}
        </Text>
      </Stack>
      <Group>
        <Button onClick={() => void run()} loading={fitting} data-testid="risk-fit-run">
          {t('admin.riskFit.run')}
        </Button>
        {fitting && <Text size="sm">{t('admin.riskFit.running')}</Text>}
      </Group>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {(['claim', 'returns'] as const).map((signal) => {
        const inUse = current?.[SAVE_KEYS[signal].weights] != null;
        return (
          <Stack key={signal} gap="xs" data-testid={`risk-fit-${signal}`}>
            <Title order={4}>{t(`admin.riskFit.${signal}`)}</Title>
            {current && (
              <Group gap="sm">
                <Text size="sm" data-testid={`risk-fit-${signal}-in-use`} data-fitted={inUse}>
                  {t(inUse ? 'admin.riskFit.inUse' : 'admin.riskFit.handSetInUse')}
                </Text>
                {inUse && (
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => void save(signal, { [SAVE_KEYS[signal].weights]: null })}
                  >
                    {t('admin.riskFit.revert')}
                  </Button>
                )}
              </Group>
            )}
            {saved === signal && (
              <Text size="sm" c="teal.8" role="status">
                <IconCheck size={14} /> {t('admin.riskFit.saved')}
              </Text>
            )}
            {fit &&
              (fit[signal] ? (
                <SignalFit
                  signal={signal}
                  fit={fit[signal]}
                  current={current?.[SAVE_KEYS[signal].threshold] ?? null}
                  onUse={(threshold) =>
                    void save(signal, {
                      [SAVE_KEYS[signal].threshold]: threshold,
                      [SAVE_KEYS[signal].weights]: fit[signal]!.weights,
                    })
                  }
                />
              ) : (
                <Text size="sm">{t('admin.riskFit.notEnough')}</Text>
              ))}
          </Stack>
        );
      })}
      {fitting && !fit && <Loader size="sm" />}
    </Stack>
  );
}

function SignalFit({
  signal,
  fit,
  current,
  onUse,
}: {
  signal: Signal;
  fit: RiskSignalFit;
  current: number | null;
  onUse: (threshold: number) => void;
}) {
  const { t } = useTranslation();
  // Start from the threshold in use when the curve has it, else the one with the best F1.
  const [chosen, setChosen] = useState<number>(() => bestThreshold(fit.curve, current));
  const format = (x: number | null) => (x === null ? '—' : x.toFixed(2));
  return (
    <Stack gap="xs">
      <Text size="sm" data-testid={`risk-fit-${signal}-summary`}>
        {t('admin.riskFit.summary', {
          train: fit.trainCases,
          test: fit.testCases,
          positives: fit.testPositives,
          auc: format(fit.auc),
          handSet: format(fit.aucHandSet),
        })}
      </Text>
      <Text size="sm" fw={600}>
        {t('admin.riskFit.weightsTitle')}
      </Text>
      <Table withTableBorder={false} verticalSpacing={2} fz="sm">
        <Table.Tbody>
          <Table.Tr>
            <Table.Td>{t('admin.riskFit.bias')}</Table.Td>
            <Table.Td ta="right">{fit.weights.bias.toFixed(2)}</Table.Td>
          </Table.Tr>
          {Object.entries(fit.weights.weights).map(([feature, weight]) => (
            <Table.Tr key={feature}>
              <Table.Td>{t(`admin.riskFit.features.${feature as RiskFeature}`)}</Table.Td>
              <Table.Td ta="right">{weight.toFixed(2)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" fw={600}>
        {t('admin.riskFit.curveTitle')}
      </Text>
      <Group align="flex-start" gap="lg" wrap="nowrap">
        <CurvePlot
          curve={fit.curve}
          chosen={chosen}
          label={t('admin.riskFit.curveLabel', { signal: t(`admin.riskFit.${signal}`) })}
          axes={{ x: t('admin.riskFit.recall'), y: t('admin.riskFit.precision') }}
        />
        <Table
          fz="xs"
          verticalSpacing={1}
          highlightOnHover
          data-testid={`risk-fit-${signal}-curve`}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.riskFit.threshold')}</Table.Th>
              <Table.Th ta="right">{t('admin.riskFit.flagged')}</Table.Th>
              <Table.Th ta="right">{t('admin.riskFit.precision')}</Table.Th>
              <Table.Th ta="right">{t('admin.riskFit.recall')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fit.curve
              .filter((p) => p.flagged > 0)
              .map((p) => (
                <Table.Tr
                  key={p.threshold}
                  onClick={() => setChosen(p.threshold)}
                  style={{ cursor: 'pointer' }}
                  bg={p.threshold === chosen ? 'blue.0' : undefined}
                  aria-selected={p.threshold === chosen}
                  data-threshold={p.threshold}
                >
                  <Table.Td>
                    <input
                      type="radio"
                      name={`threshold-${signal}`}
                      checked={p.threshold === chosen}
                      onChange={() => setChosen(p.threshold)}
                      aria-label={`${t('admin.riskFit.threshold')} ${p.threshold.toFixed(2)}`}
                    />{' '}
                    {p.threshold.toFixed(2)}
                  </Table.Td>
                  <Table.Td ta="right">{p.flagged}</Table.Td>
                  <Table.Td ta="right">{format(p.precision)}</Table.Td>
                  <Table.Td ta="right">{format(p.recall)}</Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </Group>
      <Group>
        <Button onClick={() => onUse(chosen)} data-testid={`risk-fit-${signal}-use`}>
          {t('admin.riskFit.use', { threshold: chosen.toFixed(2) })}
        </Button>
      </Group>
    </Stack>
  );
}

/** The threshold in use when the curve flags anything there, else the one with the best F1. */
function bestThreshold(curve: readonly RiskCurvePoint[], current: number | null): number {
  const usable = curve.filter((p) => p.flagged > 0 && p.precision !== null);
  if (current !== null && usable.some((p) => p.threshold === current)) return current;
  let best = usable[0]?.threshold ?? 0.5;
  let bestF1 = -1;
  for (const p of usable) {
    const f1 = (2 * p.precision! * p.recall) / (p.precision! + p.recall || 1);
    if (f1 > bestF1) [best, bestF1] = [p.threshold, f1];
  }
  return best;
}

/** Precision (up) against recall (across), one dot per threshold; the chosen one ringed. */
function CurvePlot({
  curve,
  chosen,
  label,
  axes,
}: {
  curve: readonly RiskCurvePoint[];
  chosen: number;
  label: string;
  axes: { x: string; y: string };
}) {
  const size = 180;
  const pad = 24;
  const x = (recall: number) => pad + recall * (size - 2 * pad);
  const y = (precision: number) => size - pad - precision * (size - 2 * pad);
  const points = curve.filter((p) => p.precision !== null);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.recall)},${y(p.precision!)}`);
  const picked = points.find((p) => p.threshold === chosen);
  return (
    <svg width={size} height={size} role="img" aria-label={label} style={{ flex: 'none' }}>
      <rect
        x={pad}
        y={pad}
        width={size - 2 * pad}
        height={size - 2 * pad}
        fill="none"
        stroke="#adb5bd"
      />
      <text x={size / 2} y={size - 4} fontSize="10" textAnchor="middle">
        {axes.x}
      </text>
      <text
        x={8}
        y={size / 2}
        fontSize="10"
        textAnchor="middle"
        transform={`rotate(-90 8 ${size / 2})`}
      >
        {axes.y}
      </text>
      <path d={path.join(' ')} fill="none" stroke="#1c7ed6" strokeWidth="1.5" />
      {points.map((p) => (
        <circle key={p.threshold} cx={x(p.recall)} cy={y(p.precision!)} r={2} fill="#1c7ed6" />
      ))}
      {picked && (
        <circle
          cx={x(picked.recall)}
          cy={y(picked.precision!)}
          r={6}
          fill="none"
          stroke="#e8590c"
          strokeWidth="2"
        />
      )}
    </svg>
  );
}
