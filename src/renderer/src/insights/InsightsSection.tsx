import type { ComponentProps } from 'react';
import { TitledSection } from '../app/TitledSection';

/** One titled panel of the insights view: compact, as tall as its neighbours in the grid. */
export function InsightsSection(
  props: Omit<ComponentProps<typeof TitledSection>, 'size' | 'fillHeight'> & { testId: string },
) {
  return <TitledSection {...props} size="compact" fillHeight />;
}
