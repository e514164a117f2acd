import { ActionIcon, Group, Text, Tooltip } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callKoe } from '../app/koe-call';
import { useCurrentCallId } from './current-call';

interface MaskedValueProps {
  value: string;
  masked: string;
  revealLabel: string;
  hideLabel: string;
  /** Whose data and which of it: every reveal is logged in main before it is shown. */
  customerId: string;
  field: 'email' | 'phone' | 'address';
}

/**
 * Personal data, masked until the agent asks to see it. The reveal is logged first (who, which
 * customer, what, when, on which call); if it cannot be logged, the value stays masked.
 */
export function MaskedValue(props: MaskedValueProps) {
  const { value, masked, revealLabel, hideLabel, customerId, field } = props;
  const { t } = useTranslation();
  const callId = useCurrentCallId();
  const [revealed, setRevealed] = useState(false);
  const [failed, setFailed] = useState(false);
  const label = revealed ? hideLabel : revealLabel;
  const shown = revealed ? value : masked;

  const toggle = async () => {
    if (revealed) return setRevealed(false);
    const logged = await callKoe('customers:revealPii', { customerId, field, callId });
    setFailed(!logged.ok);
    setRevealed(logged.ok);
  };

  return (
    <Group gap={4} wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
      {/* One line, never broken mid-word: a value wider than its column ends in an ellipsis, and
          the whole of it shows on hover and on focus (the value is a tab stop for that). */}
      <Tooltip label={shown} events={{ hover: true, focus: true, touch: true }} multiline maw={320}>
        <Text
          size="sm"
          truncate="end"
          tabIndex={0}
          style={{ minWidth: 0 }}
          data-testid="masked-value"
        >
          {shown}
        </Text>
      </Tooltip>
      <Tooltip label={failed ? t('customer.revealFailed') : label}>
        <ActionIcon
          variant="subtle"
          color={failed ? 'red' : 'gray'}
          size="sm"
          aria-label={label}
          aria-pressed={revealed}
          onClick={() => void toggle()}
        >
          {revealed ? <IconEyeOff size={16} /> : <IconEye size={16} />}
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
