import { ActionIcon, Group, Text, Tooltip } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useState } from 'react';

interface MaskedValueProps {
  value: string;
  masked: string;
  revealLabel: string;
  hideLabel: string;
}

/**
 * Personal data, masked until the agent asks to see it. Local state only for now: recording
 * who revealed what, and when, arrives with the call workflow.
 */
export function MaskedValue({ value, masked, revealLabel, hideLabel }: MaskedValueProps) {
  const [revealed, setRevealed] = useState(false);
  const label = revealed ? hideLabel : revealLabel;
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <Text size="sm" style={{ wordBreak: 'break-all' }}>
        {revealed ? value : masked}
      </Text>
      <Tooltip label={label}>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          aria-label={label}
          aria-pressed={revealed}
          onClick={() => setRevealed((r) => !r)}
        >
          {revealed ? <IconEyeOff size={16} /> : <IconEye size={16} />}
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
