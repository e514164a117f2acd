import { Button } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconPhoneCall } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CallSession } from '../../../shared/calls/call-session';
import { callerNumber } from './call-display';
import { CALL_SHORTCUTS } from '../app/shortcuts';
import { ariaKeys, ShortcutKeys } from '../app/ShortcutKeys';

/** In the header while a call goes on behind another screen (a search, Settings): back to it. */
export function ReturnToCallButton({ call, onReturn }: { call: CallSession; onReturn(): void }) {
  const { t } = useTranslation();
  useHotkeys([[CALL_SHORTCUTS.returnToCall, onReturn, { usePhysicalKeys: true }]], []);
  return (
    <Button
      color={call.state === 'ringing' ? 'yellow' : 'teal'}
      radius="xl"
      leftSection={<IconPhoneCall size={18} aria-hidden />}
      rightSection={<ShortcutKeys hotkey={CALL_SHORTCUTS.returnToCall} />}
      onClick={onReturn}
      aria-keyshortcuts={ariaKeys(CALL_SHORTCUTS.returnToCall)}
      data-testid="return-to-call"
    >
      {t('call.returnTo', { state: t(`call.state.${call.state}`), phone: callerNumber(call) })}
    </Button>
  );
}
