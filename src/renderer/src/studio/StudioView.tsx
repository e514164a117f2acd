import { Alert, Stack, Tabs, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ViewTabs, type ViewTab } from '../app/ViewTabs';
import type { SignedInAgent } from '../../../shared/ipc';
import { answerKind } from './answers/answer-kind';
import { AuthoringStudio } from './AuthoringStudio';
import { scriptKind } from './script-kind';

/** Scripts and approved answers: the same author, lint, preview, publish flow, one tab each. */
const STUDIO_TABS: readonly ViewTab[] = [
  { value: 'scripts', label: 'answers.tabScripts', testId: 'studio-tab-scripts' },
  { value: 'answers', label: 'answers.tabAnswers', testId: 'studio-tab-answers' },
];

const AUTHORS: readonly SignedInAgent['role'][] = ['trainer', 'retailer_admin'];

export function canAuthorScripts(agent: SignedInAgent | null): boolean {
  return agent !== null && AUTHORS.includes(agent.role);
}

interface StudioViewProps {
  agent: SignedInAgent | null;
  retailerName: string;
}

/** The studio (trainers and retailer admins): one tab per kind of document, scripts first. */
export function StudioView({ agent, retailerName }: StudioViewProps) {
  const { t } = useTranslation();
  if (!canAuthorScripts(agent)) {
    return (
      <Alert color="gray" icon={<IconLock size={18} />} maw={640} data-testid="studio-forbidden">
        {t('studio.forbidden')}
      </Alert>
    );
  }
  const desk = { agentName: agent?.displayName ?? '', retailerName };
  return (
    <Stack gap="sm">
      <Title order={2} fz="h3">
        {t('studio.title')}
      </Title>
      <ViewTabs tabs={STUDIO_TABS}>
        <Tabs.Panel value="scripts">
          <AuthoringStudio kind={scriptKind} desk={desk} />
        </Tabs.Panel>
        <Tabs.Panel value="answers">
          <AuthoringStudio kind={answerKind} desk={desk} />
        </Tabs.Panel>
      </ViewTabs>
    </Stack>
  );
}
