import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * What the predictions tell the agent about the call, as one section of stacked alerts named for
 * screen readers: the likely reason and the risk signals each stand in one.
 */
export function SignalsSection({
  label,
  testId,
  children,
}: {
  label: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Stack gap="xs" component="section" aria-label={label} data-testid={testId}>
      {children}
    </Stack>
  );
}
