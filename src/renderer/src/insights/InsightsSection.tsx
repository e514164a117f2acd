import type { ComponentProps, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TitledSection } from '../app/TitledSection';

/** One titled panel of the insights view: compact, as tall as its neighbours in the grid. */
export function InsightsSection(
  props: Omit<ComponentProps<typeof TitledSection>, 'size' | 'fillHeight'> & { testId: string },
) {
  return <TitledSection {...props} size="compact" fillHeight />;
}

/** An insights section whose title and description are `insights.<section>.title` and `.description`. */
export function DescribedSection({
  section,
  testId,
  children,
}: {
  section: 'drivers' | 'avoidableTrend' | 'prediction';
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <InsightsSection
      title={t(`insights.${section}.title`)}
      description={t(`insights.${section}.description`)}
      testId={testId}
    >
      {children}
    </InsightsSection>
  );
}
