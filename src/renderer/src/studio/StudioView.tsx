import { Alert, Stack, Tabs, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { emptyScriptContent } from '../../../shared/guidance';
import type { SignedInAgent } from '../../../shared/ipc';
import { studioScriptId } from '../../../shared/protocol/script-authoring';
import { useGuidanceReference } from '../guidance/use-guidance-reference';
import { AnswerStudio } from './answers/AnswerStudio';
import { ScriptEditor } from './ScriptEditor';
import { ScriptList } from './ScriptList';
import { StudioSplit } from './StudioSplit';
import { useStudio } from './use-studio';

const AUTHORS: readonly SignedInAgent['role'][] = ['trainer', 'retailer_admin'];

export function canAuthorScripts(agent: SignedInAgent | null): boolean {
  return agent !== null && AUTHORS.includes(agent.role);
}

interface StudioViewProps {
  agent: SignedInAgent | null;
  retailerName: string;
}

/** The script studio (trainers and retailer admins): the scripts on the left, the editor right. */
export function StudioView({ agent, retailerName }: StudioViewProps) {
  const { t } = useTranslation();
  if (!canAuthorScripts(agent)) {
    return (
      <Alert color="gray" icon={<IconLock size={18} />} maw={640} data-testid="studio-forbidden">
        {t('studio.forbidden')}
      </Alert>
    );
  }
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
          <Studio agentName={agent?.displayName ?? ''} retailerName={retailerName} />
        </Tabs.Panel>
        <Tabs.Panel value="answers" pt="md">
          <AnswerStudio />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Studio({ agentName, retailerName }: { agentName: string; retailerName: string }) {
  const { t, i18n } = useTranslation();
  const uiLanguage: Language = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const studio = useStudio();
  const reference = useGuidanceReference();
  const list = studio.list.status === 'success' ? studio.list.value : null;

  return (
    <StudioSplit
      testId="studio"
      text={{
        subtitle: t('studio.subtitle'),
        listTitle: t('studio.list.title'),
        newItem: t('studio.newScript'),
        newId: t('studio.newScriptId'),
        choose: t('studio.editor.choose'),
      }}
      newTestIds={{ open: 'new-script', id: 'new-script-id', create: 'create-script' }}
      error={studio.error}
      isNewIdValid={(id) =>
        studioScriptId.safeParse(id).success && !list?.scripts.some((s) => s.scriptId === id)
      }
      onCreate={(id) => studio.create(id, emptyScriptContent(['ja', 'en']))}
      list={
        list && (
          <ScriptList
            scripts={list.scripts}
            selected={studio.open?.id ?? null}
            uiLanguage={uiLanguage}
            onSelect={(id) => void studio.load(id)}
          />
        )
      }
      editor={
        studio.open && (
          <ScriptEditor
            key={studio.open.id}
            studio={studio}
            open={studio.open}
            centers={list?.centers ?? []}
            taxonomy={reference.status === 'success' ? reference.value.taxonomy : []}
            uiLanguage={uiLanguage}
            agentName={agentName}
            retailerName={retailerName}
          />
        )
      }
    />
  );
}
