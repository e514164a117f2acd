import { ActionIcon, CloseButton, Group, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconHandStop } from '@tabler/icons-react';
import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callKoe } from '../app/koe-call';
import { CALL_SHORTCUTS } from '../app/shortcuts';
import { ariaKeys, ShortcutKeys } from '../app/ShortcutKeys';
import { AlertStatusText } from './AlertStatusText';
import { useDeskAlerts } from './use-desk-alerts';

/** How long the latest raised hand stays beside the button once someone took it. */
const SHOWN_AFTER_TAKEN_MS = 10 * 60_000;

/**
 * The agent's "raise hand": one press (or Ctrl/⌘+Shift+Y, wherever the focus is) asks the
 * center's supervisors for help, on a call or between calls. Beside it, what became of the
 * latest one: not told yet, told, who is taking it.
 */
export function RaiseHandButton({
  call,
}: {
  /** The call on screen, if any: the supervisor sees which call needs them. */
  call: { callId: string; customerId: string | null } | null;
}) {
  const { t } = useTranslation();
  const alerts = useDeskAlerts();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  // The agent may put the status away; it comes back when it changes (taken, escalated).
  const [dismissed, setDismissed] = useState<string | null>(null);
  const raise = useCallback(async () => {
    if (pending) return;
    setPending(true);
    setFailed(false);
    const result = await callKoe('alerts:raiseHand', {
      callId: call?.callId ?? null,
      customerId: call?.customerId ?? null,
      note: '',
    });
    setPending(false);
    if (!result.ok) setFailed(true);
  }, [call?.callId, call?.customerId, pending]);
  useHotkeys([[CALL_SHORTCUTS.raiseHand, () => void raise(), { usePhysicalKeys: true }]], [], true);

  const now = useMinuteClock();
  const latest = alerts.find((a) => a.kind === 'help');
  const showLatest =
    latest &&
    (latest.status !== 'acknowledged' ||
      now - Date.parse(latest.acknowledged!.at) < SHOWN_AFTER_TAKEN_MS);
  const shown = latest ? `${latest.id}:${latest.status}` : null;
  const opened = (Boolean(showLatest) && dismissed !== shown) || failed;
  const offset = useCallBarClearance(opened, call?.callId ?? null);
  return (
    <Popover
      opened={opened}
      position="bottom-end"
      offset={offset}
      // Below the call bar an arrow would point at nothing.
      withArrow={offset === GAP_PX}
      shadow="md"
    >
      <Popover.Target>
        {/* An icon with its name and shortcut in the tooltip: the header holds every other
            control of the desk at 1366 px, a call's way back among them. */}
        <Tooltip
          label={
            <Group gap={6} wrap="nowrap">
              {t('floor.raiseHandHint')}
              <ShortcutKeys hotkey={CALL_SHORTCUTS.raiseHand} />
            </Group>
          }
        >
          <ActionIcon
            variant={latest && latest.status !== 'acknowledged' ? 'filled' : 'default'}
            color="orange"
            size="lg"
            radius="xl"
            aria-label={t('floor.raiseHand')}
            aria-keyshortcuts={ariaKeys(CALL_SHORTCUTS.raiseHand)}
            loading={pending}
            onClick={() => void raise()}
            data-testid="raise-hand"
          >
            <IconHandStop size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown
        p="xs"
        maw={360}
        aria-label={t('floor.raiseHand')}
        data-testid="raise-hand-status"
      >
        <Stack gap={4}>
          {failed && (
            <Text size="sm" c="red" role="alert">
              {t('floor.raiseHandFailed')}
            </Text>
          )}
          {showLatest && latest && (
            <Group gap={4} wrap="nowrap" align="flex-start">
              <AlertStatusText alert={latest} />
              <CloseButton
                size="sm"
                aria-label={t('floor.hideStatus')}
                onClick={() => {
                  setDismissed(shown);
                  setFailed(false);
                }}
              />
            </Group>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** The call bar, under the header while a call is on screen (CallBar.tsx). */
const CALL_BAR = '[data-testid="call-bar"]';
const RAISE_HAND = '[data-testid="raise-hand"]';
const GAP_PX = 8;

/**
 * How far below the button the status opens: under the call bar when one is on screen, so it
 * never covers the caller, the call's timer or its buttons (it used to open over them).
 * Measured when it opens and when the call changes; the layout does not move in between.
 */
function useCallBarClearance(opened: boolean, callId: string | null): number {
  const [offset, setOffset] = useState(GAP_PX);
  useLayoutEffect(() => {
    if (!opened) return;
    const bar = document.querySelector(CALL_BAR)?.getBoundingClientRect();
    const button = document.querySelector(RAISE_HAND)?.getBoundingClientRect();
    const next = bar && button ? Math.max(GAP_PX, bar.bottom - button.bottom + GAP_PX) : GAP_PX;
    // Measured from the DOM after layout: the only place this number exists.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setOffset(next);
  }, [opened, callId]);
  return offset;
}

/** The time, read every 30 s: enough to let a taken request fade from the header. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
