import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** Spacing and type sizes of a section: the insights' dense cards, the settings' roomy page. */
const SIZES = {
  compact: { padding: 'md', gap: 'sm', title: 'md', description: 'xs' },
  roomy: { padding: 'lg', gap: 'md', title: 'lg', description: 'sm' },
} as const;

/** A bordered panel with a title, an optional dimmed description and its content. */
export function TitledSection({
  title,
  description,
  children,
  testId,
  size,
  fillHeight = false,
}: {
  title: string;
  description?: string;
  children: ReactNode;
  testId?: string;
  size: keyof typeof SIZES;
  /** Takes its grid cell's whole height (cards side by side line up). */
  fillHeight?: boolean;
}) {
  const s = SIZES[size];
  return (
    <Paper
      withBorder
      radius="md"
      p={s.padding}
      component="section"
      data-testid={testId}
      h={fillHeight ? '100%' : undefined}
    >
      <Stack gap={s.gap}>
        <Stack gap={2}>
          <Title order={3} fz={s.title}>
            {title}
          </Title>
          {description && (
            <Text size={s.description} c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}

/** The sections whose catalog holds both their title and their description under one key. */
export type DescribedSection =
  | `settings.${'cti' | 'retailer' | 'erase'}`
  | `insights.${'drivers' | 'avoidableTrend' | 'prediction'}`;

/**
 * A section's title and description, `<section>.title` and `<section>.description`, as the
 * section's props. `t` narrowed to those keys: the full TFunction type is too deep for tsc to
 * check as a parameter (TS2589).
 */
export function describedBy(
  section: DescribedSection,
  t: (key: `${DescribedSection}.${'title' | 'description'}`) => string,
): { title: string; description: string } {
  return { title: t(`${section}.title`), description: t(`${section}.description`) };
}
