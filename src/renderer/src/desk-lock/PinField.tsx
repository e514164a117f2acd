import { PasswordInput, type PasswordInputProps } from '@mantine/core';

/**
 * A desk PIN typed in: hidden, digits (a numeric keypad where there is one), never offered
 * for autofill (a PIN belongs to this desk, not to the browser's password store).
 */
export function PinField({
  onChange,
  ...input
}: Omit<PasswordInputProps, 'onChange'> & { onChange(pin: string): void }) {
  return (
    <PasswordInput
      inputMode="numeric"
      autoComplete="off"
      onChange={(e) => onChange(e.currentTarget.value)}
      {...input}
    />
  );
}
