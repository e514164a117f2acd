import { Badge, Button, Group, Paper, Stack, Stepper, Text, Textarea, Title } from '@mantine/core';
import { IconAlertOctagon, IconPhoneOff, IconRepeat, IconSpeakerphone } from '@tabler/icons-react';
import { useEffect, useEffectEvent, useRef } from 'react';
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
import type { SupervisorAlertStage } from '../calls';
import { HARASSMENT_KEYS, inCallShortcut, type HarassmentKey } from '../app/shortcuts';
import { ariaKeys, ShortcutKeys } from '../app/ShortcutKeys';
import { OutcomeAlert } from '../app/OutcomeAlert';
import { SentenceWithAction } from '../app/SentenceWithAction';
import { AlertStatusText, useDeskAlerts } from '../floor';

interface HarassmentPanelProps {
  /** The call: its alert's status comes from the desk's record of it. */
  callId: string;
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
  callId,
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
  const script = currentHarassmentScript(state, callLanguage, policy);
  const primary = useRef<HTMLButtonElement>(null);
  const noteInput = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    primary.current?.focus();
  }, [state.stage, state.warningsGiven]);

  // Alt+1–4 work wherever the focus is (the agent may be typing the note or searching): each
  // step only at its stage, so a stray key never records a warning that was not given.
  const onWindowKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    const shortcut = inCallShortcut(event);
    if (shortcut?.kind !== 'harassment') return;
    const step = shortcut.step;
    if (step === 'note') {
      event.preventDefault();
      noteInput.current?.focus();
      return;
    }
    const applies =
      step === 'warningGiven'
        ? state.stage === 'warn'
        : step === 'demandRepeated'
          ? state.stage === 'monitor'
          : state.stage === 'warn' || state.stage === 'monitor' || state.stage === 'terminate';
    if (!applies) return;
    event.preventDefault();
    onEvent(step);
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onWindowKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  // What the supervisors were really told: the core's record of this call's alert (queued in
  // the outbox, delivered, taken by whom), never just that the screen asked for it.
  const deskAlert = useDeskAlerts().find((a) => a.kind === 'harassment' && a.callId === callId);
  const asked = supervisorAlerts.length > 0;
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
              rightSection={<StepKeys step="warningGiven" />}
              aria-keyshortcuts={stepAria('warningGiven')}
              onClick={() => onEvent('warningGiven')}
              data-testid="harassment-warning-given"
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
                rightSection={<StepKeys step="demandRepeated" />}
                aria-keyshortcuts={stepAria('demandRepeated')}
                onClick={() => onEvent('demandRepeated')}
                data-testid="harassment-demand-repeated"
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
              rightSection={<StepKeys step="terminate" />}
              aria-keyshortcuts={stepAria('terminate')}
              onClick={() => onEvent('terminate')}
              data-testid="harassment-end-call"
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
            rightSection={<StepKeys step="terminate" />}
            aria-keyshortcuts={stepAria('terminate')}
            onClick={() => onEvent('terminate')}
            data-testid="harassment-end-now"
          >
            {t('harassment.endNow')}
          </Button>
        )}
        {state.stage === 'terminated' && (
          <Text size="sm" data-testid="harassment-terminated">
            {t('harassment.terminated')}
          </Text>
        )}

        {deskAlert ? (
          <div data-testid="supervisor-alerted">
            <AlertStatusText alert={deskAlert} />
          </div>
        ) : alertError ? (
          <OutcomeAlert outcome="failure" iconSize={18} py={6}>
            <SentenceWithAction
              gap="xs"
              color="red"
              action={{ label: t('app.retry'), onClick: onRetryAlert }}
            >
              {t('harassment.supervisorFailed')}
            </SentenceWithAction>
          </OutcomeAlert>
        ) : alertPending || asked ? (
          <Text size="sm" c="dimmed">
            {t('harassment.supervisorAlerting')}
          </Text>
        ) : null}

        <Textarea
          ref={noteInput}
          label={
            <Group justify="space-between" wrap="nowrap" component="span">
              <span>{t('harassment.noteLabel')}</span>
              <StepKeys step="note" />
            </Group>
          }
          styles={{ label: { width: '100%' } }}
          aria-keyshortcuts={stepAria('note')}
          data-testid="harassment-note"
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

/** The Alt+digit of a protocol step, as key caps. */
function StepKeys({ step }: { step: HarassmentKey }) {
  return <ShortcutKeys hotkey={`alt+${HARASSMENT_KEYS[step]}`} />;
}

function stepAria(step: HarassmentKey): string {
  return ariaKeys(`alt+${HARASSMENT_KEYS[step]}`);
}
