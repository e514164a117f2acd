import { Badge, Box, Button, Group, Paper, Stack, Text, type ButtonProps } from '@mantine/core';
import {
  IconAlertOctagon,
  IconBook2,
  IconPhone,
  IconPhoneOff,
  type Icon as TablerIcon,
} from '@tabler/icons-react';
import { memo, type ComponentPropsWithoutRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSession } from '../../../shared/calls/call-session';
import type { Customer } from '../../../shared/domain';
import { NameWithReading, TierBadge } from '../customers';
import { callClock, callerNumber } from './call-display';
import { CALL_SHORTCUTS } from '../app/shortcuts';
import { CallTimer } from './CallTimer';
import { ariaKeys, ShortcutKeys } from '../app/ShortcutKeys';

const STATE_COLOR: Record<CallSession['state'], string> = {
  ringing: 'yellow',
  in_call: 'teal',
  wrap_up: 'blue',
  done: 'gray',
  missed: 'red',
};

interface CallBarProps {
  call: CallSession;
  /** The confirmed customer; null for a new caller; undefined while the pop is open. */
  customer: Customer | null | undefined;
  harassmentFlagged: boolean;
  ending: boolean;
  onEnd(): void;
  onFlagHarassment(): void;
  onOpenKnowledge(): void;
}

/** The call at a glance, and the actions an agent takes during it, each with its key.
 * Memoized: the workspace renders again on every change of the desk's state during a call. */
export const CallBar = memo(function CallBar({
  call,
  customer,
  harassmentFlagged,
  ending,
  onEnd,
  onFlagHarassment,
  onOpenKnowledge,
}: CallBarProps) {
  const { t } = useTranslation();
  const clock = callClock(call);
  const onLine = call.state === 'ringing' || call.state === 'in_call';
  return (
    <Paper
      withBorder
      px="md"
      py={8}
      className="koe-call-bar"
      component="section"
      aria-label={t('call.barLabel')}
      data-testid="call-bar"
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Group gap="md" wrap="nowrap" miw={0}>
          <Badge
            size="lg"
            color={STATE_COLOR[call.state]}
            variant={call.state === 'ringing' ? 'filled' : 'light'}
            className={call.state === 'ringing' ? 'koe-ringing' : undefined}
            data-testid="call-state"
            data-state={call.state}
            style={{ flexShrink: 0 }}
          >
            {t(`call.state.${call.state}`)}
          </Badge>
          {call.outreach && (
            <Badge
              size="lg"
              color="indigo"
              variant="outline"
              data-testid="call-direction"
              style={{ flexShrink: 0 }}
            >
              {t('outreach.direction.proactive')}
            </Badge>
          )}
          <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
            <IconPhone size={18} aria-hidden color="var(--mantine-color-dimmed)" />
            <Text fw={600} className="koe-tabular" data-testid="call-number">
              {callerNumber(call)}
            </Text>
          </Group>
          <Box miw={0}>
            {customer ? (
              <Group gap="xs" wrap="nowrap">
                <NameWithReading customer={customer} />
                <TierBadge tier={customer.tier} />
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {customer === null ? t('call.newCaller') : t('call.identifying')}
              </Text>
            )}
          </Box>
          {clock && (
            <Stack gap={0} style={{ flexShrink: 0 }}>
              <Text size="xs" c="dimmed" lh={1.1}>
                {t(`call.clock.${clock.kind}`)}
              </Text>
              <CallTimer
                from={clock.from}
                until={clock.until}
                label={t(`call.clock.${clock.kind}`)}
              />
            </Stack>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
          {call.state !== 'wrap_up' && (
            <CallBarButton
              icon={IconBook2}
              hotkey={CALL_SHORTCUTS.knowledge}
              variant="default"
              onClick={onOpenKnowledge}
            >
              {t('knowledge.open')}
            </CallBarButton>
          )}
          {call.state === 'in_call' && (
            <CallBarButton
              icon={IconAlertOctagon}
              hotkey={CALL_SHORTCUTS.flagHarassment}
              variant={harassmentFlagged ? 'filled' : 'light'}
              color="red"
              onClick={onFlagHarassment}
              aria-pressed={harassmentFlagged}
              data-testid="flag-harassment"
            >
              {harassmentFlagged ? t('harassment.flagged') : t('harassment.flag')}
            </CallBarButton>
          )}
          {onLine && (
            <CallBarButton
              icon={IconPhoneOff}
              hotkey={CALL_SHORTCUTS.endCall}
              color="red"
              onClick={onEnd}
              loading={ending}
              data-testid="end-call"
            >
              {t('call.end')}
            </CallBarButton>
          )}
        </Group>
      </Group>
    </Paper>
  );
});

/**
 * A call bar action with its icon and its keyboard shortcut, shown beside the label and told to
 * assistive tech.
 */
function CallBarButton({
  icon: Icon,
  hotkey,
  ...button
}: { icon: TablerIcon; hotkey: string } & ButtonProps & ComponentPropsWithoutRef<'button'>) {
  return (
    <Button
      size="sm"
      leftSection={<Icon size={16} aria-hidden />}
      rightSection={<ShortcutKeys hotkey={hotkey} />}
      aria-keyshortcuts={ariaKeys(hotkey)}
      {...button}
    />
  );
}
