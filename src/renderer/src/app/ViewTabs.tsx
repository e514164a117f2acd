import { Tabs } from '@mantine/core';
import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A tab: its panel's value, the catalog key of its label, its test id. */
export interface ViewTab {
  value: string;
  label: ParseKeys;
  testId: string;
}

/**
 * A view split into tabs, the first open: the tab list over the `Tabs.Panel`s given as children.
 * A hidden tab's panel is unmounted, so it reads its data again when shown.
 */
export function ViewTabs({ tabs, children }: { tabs: readonly ViewTab[]; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Tabs defaultValue={tabs[0]?.value} keepMounted={false}>
      <Tabs.List mb="md">
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.value} value={tab.value} data-testid={tab.testId}>
            {t(tab.label)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {children}
    </Tabs>
  );
}
