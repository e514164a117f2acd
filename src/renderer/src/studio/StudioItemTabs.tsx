import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuthoringList, StudioEditorProps, StudioKind, StudioTab } from './studio-kind';
import type { AuthoringDetail } from './use-authoring-studio';
import { VersionHistory } from './VersionHistory';

interface StudioItemTabsProps<
  C,
  D extends AuthoringDetail<C>,
  L extends AuthoringList,
  V,
  P,
  Issue,
  R,
> extends StudioEditorProps<C, D, Issue> {
  kind: StudioKind<C, D, L, V, P, Issue, R>;
  /** Opens the publish dialog for an earlier version. */
  rollback(version: number): void;
}

/**
 * The open item's tabs: the kind's own, then its history (every version, a diff of a picked
 * one against the edit in the kind's terms, and a rollback).
 */
export function StudioItemTabs<
  C,
  D extends AuthoringDetail<C>,
  L extends AuthoringList,
  V,
  P,
  Issue,
  R,
>({ kind, rollback, ...props }: StudioItemTabsProps<C, D, L, V, P, Issue, R>) {
  const { t } = useTranslation();
  const tabs: StudioTab[] = [
    ...kind.useTabs(props),
    {
      value: 'history',
      label: t('studio.editor.tabHistory'),
      testId: kind.testIds.editor.history,
      panel: (
        <VersionHistory
          id={props.open.id}
          detail={props.open.detail}
          loadVersion={kind.api.version}
          onRollback={rollback}
        >
          {(loaded) => kind.diff(loaded, props)}
        </VersionHistory>
      ),
    },
  ];
  return (
    <Tabs defaultValue={tabs[0]!.value} keepMounted={false}>
      <Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.value} value={tab.value} data-testid={tab.testId}>
            {tab.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((tab) => (
        <Tabs.Panel key={tab.value} value={tab.value} pt="sm">
          {tab.panel}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
