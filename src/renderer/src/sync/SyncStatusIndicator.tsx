import { Badge, Box, Group, Popover, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { syncDisplayState, type SyncDisplayState } from './sync-display';
import { SyncDot } from './SyncDot';
import { SyncStatusDetails } from './SyncStatusDetails';
import { useSyncStatus } from './use-sync-status';

/** How long the pointer may be away before a hover-opened popover closes (to reach it). */
const HOVER_CLOSE_DELAY_MS = 250;

/**
 * The sync status in the header: a dot and a word, and badges only when wrap-ups wait or were
 * refused. Hovering shows the details; a click pins them open (and is the keyboard's way in).
 */
export function SyncStatusIndicator() {
  const { t } = useTranslation();
  const sync = useSyncStatus();
  const [opened, setOpened] = useState(false);
  const pinned = useRef(false);
  const closeTimer = useRef<number | undefined>(undefined);

  const state: SyncDisplayState = sync.status
    ? syncDisplayState(sync.status)
    : sync.loadError
      ? 'error'
      : 'connecting';
  const label =
    state === 'bootstrapping'
      ? t('sync.state.bootstrapping', { count: sync.status?.pulledRecords ?? 0 })
      : t(`sync.state.${state}`);
  const pending = sync.status?.pendingOutbox ?? 0;
  const quarantined = sync.status?.quarantined ?? 0;

  const close = () => {
    window.clearTimeout(closeTimer.current);
    pinned.current = false;
    setOpened(false);
  };
  const hoverOpen = () => {
    window.clearTimeout(closeTimer.current);
    setOpened(true);
  };
  const hoverClose = () => {
    if (pinned.current) return;
    window.clearTimeout(closeTimer.current);
    closeTimer.current = window.setTimeout(() => setOpened(false), HOVER_CLOSE_DELAY_MS);
  };
  const toggle = () => {
    if (opened && pinned.current) return close();
    window.clearTimeout(closeTimer.current);
    pinned.current = true;
    setOpened(true);
  };

  // Escape closes the details wherever the focus is (the sync button, once pressed, lets go of it).
  useEffect(() => {
    if (!opened) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.isComposing) close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [opened]);

  return (
    <Popover
      opened={opened}
      onDismiss={close}
      position="bottom-end"
      width={360}
      shadow="md"
      withArrow
      arrowPosition="center"
    >
      <Popover.Target>
        <UnstyledButton
          className="koe-sync-indicator"
          data-expanded={opened || undefined}
          onClick={toggle}
          onMouseEnter={hoverOpen}
          onMouseLeave={hoverClose}
          aria-label={t('sync.indicatorLabel', { state: label })}
          data-testid="sync-indicator"
          data-state={state}
        >
          <Group gap={8} wrap="nowrap">
            <SyncDot state={state} />
            <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
              {label}
            </Text>
            {pending > 0 && (
              <Badge size="sm" variant="light" color="yellow" data-testid="sync-pending-badge">
                {t('sync.pendingBadge', { count: pending })}
              </Badge>
            )}
            {quarantined > 0 && (
              <Badge size="sm" variant="filled" color="red" data-testid="sync-quarantined-badge">
                {t('sync.quarantinedBadge', { count: quarantined })}
              </Badge>
            )}
          </Group>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown
        onMouseEnter={hoverOpen}
        onMouseLeave={hoverClose}
        data-testid="sync-popover"
        aria-label={t('sync.popoverTitle')}
      >
        <Box>
          <SyncStatusDetails sync={sync} state={state} label={label} />
        </Box>
      </Popover.Dropdown>
    </Popover>
  );
}
