import { ActionIcon, Group, Text, Tooltip } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callKoe } from '../app/koe-call';
import { useCurrentCallId } from './current-call';

interface MaskedValueProps {
  /** As the core sent it: masked (the page never holds the value until a reveal). */
  masked: string;
  revealLabel: string;
  hideLabel: string;
  /** Whose data and which of it: every reveal is logged in main before it is answered. */
  customerId: string;
  field: 'email' | 'phone' | 'address';
  /** Which of the field's values this is (a customer may have two e-mails or phones). */
  index?: number;
  /** How the revealed value reads (a phone number as E.164 → 090-1234-5678). */
  format?: (value: string) => string;
}

/**
 * Personal data the core masked, with a button that asks it for the value. The core logs the
 * reveal first (who, which customer, what, when, on which call) and answers only during or just
 * after a call with that customer; otherwise the value stays masked and the button says why.
 */
export function MaskedValue(props: MaskedValueProps) {
  const { masked, revealLabel, hideLabel, customerId, field, index = 0, format } = props;
  const { t } = useTranslation();
  const callId = useCurrentCallId();
  const [revealed, setRevealed] = useState<string | null>(null);
  // A key, not words: the reason reads in the language shown now, not the one at the click.
  const [failureKey, setFailure] = useState<
    'customer.revealOutsideCall' | 'customer.revealFailed' | null
  >(null);
  const failure = failureKey ? t(failureKey) : null;
  const label = revealed !== null ? hideLabel : revealLabel;
  const shown = revealed ?? masked;

  const toggle = async () => {
    if (revealed !== null) return setRevealed(null);
    const answer = await callKoe('customers:revealPii', { customerId, field, callId });
    if (answer.ok) {
      setFailure(null);
      const value = answer.value.values[index];
      setRevealed(value === undefined ? masked : (format?.(value) ?? value));
    } else {
      setFailure(
        answer.error.code === 'forbidden' ? 'customer.revealOutsideCall' : 'customer.revealFailed',
      );
    }
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
          className={field === 'phone' ? 'koe-tabular' : undefined}
          style={{ minWidth: 0 }}
          data-testid="masked-value"
        >
          {shown}
        </Text>
      </Tooltip>
      <Tooltip label={failure ?? label} multiline maw={320}>
        <ActionIcon
          variant="subtle"
          color={failure ? 'red' : 'gray'}
          size="sm"
          aria-label={label}
          aria-description={failure ?? undefined}
          aria-pressed={revealed !== null}
          onClick={() => void toggle()}
        >
          {revealed !== null ? <IconEyeOff size={16} /> : <IconEye size={16} />}
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
