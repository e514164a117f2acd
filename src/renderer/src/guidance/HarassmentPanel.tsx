import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Stepper,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import {
  IconAlertOctagon,
  IconBellRinging,
  IconPhoneOff,
  IconRepeat,
  IconSpeakerphone,
} from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import type { Policy } from '../../../shared/domain/guidance';
import {
  currentHarassmentScript,
  INCIDENT_NOTE_MAX,
  type HarassmentEvent,
  type HarassmentState,
} from '../../../shared/guidance';
import type { IpcError } from '../../../shared/ipc';
import type { SupervisorAlertStage } from '../call/call-desk';
import { useFormatters } from '../i18n/use-formatters';

interface HarassmentPanelProps {
  state: HarassmentState;
  note: string;
  policy: Policy | null;
  /** The call's language: the words to read to the caller. */
  callLanguage: Language;
  supervisorAlerts: { stage: SupervisorAlertStage; at: string }[];
  alertError: IpcError | null;
  alertPending: boolean;
  onEvent(type: Exclude<HarassmentEvent['type'], 'flag'>): void;
  onNote(note: string): void;
  onRetryAlert(): void;
}

const STEP_INDEX: Record<HarassmentState['stage'], number> = {
  idle: 0,
  warn: 0,
  monitor: 1,
  terminate: 2,
  terminated: 3,
};

/**
 * The customer-harassment protocol (Tokyo, 2025): read the warning → say it was given → if the
 * same demand is repeated, read the termination script → end the call under the protocol. The
 * next action has the focus, so the agent can go through it with Enter while listening.
 */
export function HarassmentPanel({
  state,
  note,
  policy,
  callLanguage,
  supervisorAlerts,
  alertError,
  alertPending,
  onEvent,
  onNote,
  onRetryAlert,
}: HarassmentPanelProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const script = currentHarassmentScript(state, callLanguage, policy);
  const primary = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    primary.current?.focus();
  }, [state.stage, state.warningsGiven]);

  const latestAlert = supervisorAlerts[supervisorAlerts.length - 1];
  const warned = state.stage === 'monitor';

  return (
    <Paper
      withBorder
      p="md"
      className="koe-harassment"
      component="section"
      aria-label={t('harassment.title')}
      data-testid="harassment-panel"
      data-stage={state.stage}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <IconAlertOctagon size={20} color="var(--mantine-color-red-6)" aria-hidden />
            <Title order={3} fz="md">
              {t('harassment.title')}
            </Title>
          </Group>
          <Badge color="red" variant="light" data-testid="harassment-stage">
            {t(`harassment.stage.${state.stage}`)}
          </Badge>
        </Group>

        <Stepper active={STEP_INDEX[state.stage]} size="xs" iconSize={24} color="red">
          <Stepper.Step label={t('harassment.stepWarn')} />
          <Stepper.Step label={t('harassment.stepWatch')} />
          <Stepper.Step label={t('harassment.stepTerminate')} />
        </Stepper>

        {script && (
          <Paper
            p="sm"
            radius="sm"
            className={
              script.kind === 'termination'
                ? 'koe-protocol-script koe-protocol-end'
                : 'koe-protocol-script'
            }
            data-testid="harassment-script"
            data-kind={script.kind}
          >
            <Text size="xs" fw={700} mb={4}>
              {script.kind === 'warning'
                ? t('harassment.warningScript', { number: script.warningNumber, of: script.of })
                : t('harassment.terminationScript')}
            </Text>
            <Text size="md" lh={1.7} lang={callLanguage}>
              {script.text}
            </Text>
          </Paper>
        )}

        {state.stage === 'warn' && (
          <Group gap="xs">
            <Button
              ref={primary}
              color="red"
              leftSection={<IconSpeakerphone size={16} aria-hidden />}
              onClick={() => onEvent('warningGiven')}
            >
              {t('harassment.warningGiven')}
            </Button>
          </Group>
        )}
        {state.stage === 'monitor' && (
          <Stack gap={6}>
            <Text size="sm">
              {t('harassment.watching', {
                given: state.warningsGiven,
                required: state.warningsRequired,
              })}
            </Text>
            <Group gap="xs">
              <Button
                ref={primary}
                color="red"
                variant="light"
                leftSection={<IconRepeat size={16} aria-hidden />}
                onClick={() => onEvent('demandRepeated')}
              >
                {t('harassment.demandRepeated')}
              </Button>
            </Group>
          </Stack>
        )}
        {state.stage === 'terminate' && (
          <Group gap="xs">
            <Button
              ref={primary}
              color="red"
              leftSection={<IconPhoneOff size={16} aria-hidden />}
              onClick={() => onEvent('terminate')}
            >
              {t('harassment.endCall')}
            </Button>
          </Group>
        )}
        {(state.stage === 'warn' || warned) && (
          <Button
            variant="subtle"
            color="red"
            size="compact-sm"
            style={{ alignSelf: 'flex-start' }}
            onClick={() => onEvent('terminate')}
          >
            {t('harassment.endNow')}
          </Button>
        )}
        {state.stage === 'terminated' && (
          <Text size="sm" data-testid="harassment-terminated">
            {t('harassment.terminated')}
          </Text>
        )}

        {latestAlert ? (
          <Alert
            color="teal"
            variant="light"
            py={6}
            icon={<IconBellRinging size={18} />}
            data-testid="supervisor-alerted"
          >
            <Text size="sm">
              {t('harassment.supervisorAlerted', { time: format.dateTime(latestAlert.at) })}
            </Text>
          </Alert>
        ) : alertError ? (
          <Alert
            color="red"
            variant="light"
            py={6}
            icon={<IconBellRinging size={18} />}
            role="alert"
          >
            <Group justify="space-between" gap="xs">
              <Text size="sm">{t('harassment.supervisorFailed')}</Text>
              <Button size="compact-xs" variant="white" color="red" onClick={onRetryAlert}>
                {t('app.retry')}
              </Button>
            </Group>
          </Alert>
        ) : alertPending ? (
          <Text size="sm" c="dimmed">
            {t('harassment.supervisorAlerting')}
          </Text>
        ) : null}

        <Textarea
          label={t('harassment.noteLabel')}
          placeholder={t('harassment.notePlaceholder')}
          value={note}
          onChange={(event) => onNote(event.currentTarget.value)}
          maxLength={INCIDENT_NOTE_MAX}
          autosize
          minRows={1}
          maxRows={3}
          size="sm"
        />
      </Stack>
    </Paper>
  );
}
