import { Button, Group, Kbd, Stack, Text } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { altKeyLabel } from './shortcut-keys';

/** A key cap on a filled (chosen) button: light on any fill, in light and dark schemes. */
const CHECKED_KEY_CAP = {
  backgroundColor: 'var(--mantine-color-white)',
  color: 'var(--mantine-color-black)',
  borderColor: 'transparent',
};

export interface Choice<V extends string> {
  value: V;
  label: string;
  /** The Alt digit that picks it. */
  digit: string;
  icon?: ReactNode;
  color?: string;
}

interface ChoiceGroupProps<V extends string> {
  label: string;
  choices: readonly Choice<V>[];
  value: V | null;
  error: string | null;
  onChange(value: V): void;
  testId: string;
}

/**
 * A required single choice as a row of buttons (a radio group), each with the Alt+digit that picks
 * it from anywhere in the form. Nothing is chosen until the agent chooses.
 */
export function ChoiceGroup<V extends string>({
  label,
  choices,
  value,
  error,
  onChange,
  testId,
}: ChoiceGroupProps<V>) {
  const labelId = useId();
  const errorId = useId();
  return (
    <Stack gap={6}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text id={labelId} fw={600} size="sm">
          {label}
          <Text span c="red" aria-hidden>
            {' *'}
          </Text>
        </Text>
        <Group gap={3} wrap="nowrap" aria-hidden>
          <Kbd size="xs">{altKeyLabel()}</Kbd>
          <Text span size="xs" c="dimmed">
            +
          </Text>
          <Kbd size="xs">{choices[0]?.digit}</Kbd>
          <Text span size="xs" c="dimmed">
            –
          </Text>
          <Kbd size="xs">{choices[choices.length - 1]?.digit}</Kbd>
        </Group>
      </Group>
      <Group
        gap={6}
        wrap="wrap"
        role="radiogroup"
        aria-labelledby={labelId}
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error !== null}
        data-testid={testId}
      >
        {choices.map((choice) => {
          const checked = choice.value === value;
          return (
            <Button
              key={choice.value}
              role="radio"
              aria-checked={checked}
              aria-keyshortcuts={`Alt+${choice.digit}`}
              data-value={choice.value}
              variant={checked ? 'filled' : 'default'}
              color={checked ? choice.color : undefined}
              className="koe-choice-button"
              size="sm"
              px="xs"
              leftSection={
                <Group gap={4} wrap="nowrap">
                  <Kbd size="xs" style={checked ? CHECKED_KEY_CAP : undefined}>
                    {choice.digit}
                  </Kbd>
                  {choice.icon}
                </Group>
              }
              onClick={() => onChange(choice.value)}
              styles={
                error && !value ? { root: { borderColor: 'var(--mantine-color-red-6)' } } : {}
              }
            >
              {choice.label}
            </Button>
          );
        })}
      </Group>
      {error && (
        <Text id={errorId} size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
