import { Alert, Stack, Tabs, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SignedInAgent } from '../../../shared/ipc';
import { answerKind } from './answers/answer-kind';
import { AuthoringStudio } from './AuthoringStudio';
import { scriptKind } from './script-kind';

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
  // Scripts and approved answers: the same author, lint, preview, publish flow, one tab each.
  return (
    <Stack gap="sm">
      <Title order={2} fz="h3">
        {t('studio.title')}
      </Title>
      <Tabs defaultValue="scripts" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="scripts" data-testid="studio-tab-scripts">
            {t('answers.tabScripts')}
          </Tabs.Tab>
          <Tabs.Tab value="answers" data-testid="studio-tab-answers">
            {t('answers.tabAnswers')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="scripts" pt="md">
          <AuthoringStudio kind={scriptKind} desk={desk} />
        </Tabs.Panel>
        <Tabs.Panel value="answers" pt="md">
          <AuthoringStudio kind={answerKind} desk={desk} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
