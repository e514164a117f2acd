import {
  Alert,
  Button,
  Card,
  Grid,
  Group,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconLock, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { emptyScriptContent } from '../../../shared/guidance';
import type { SignedInAgent } from '../../../shared/ipc';
import { studioScriptId } from '../../../shared/protocol/script-authoring';
import { ErrorState } from '../app/ErrorState';
import { useGuidanceReference } from '../guidance/use-guidance-reference';
import { AnswerStudio } from './answers/AnswerStudio';
import { ScriptEditor } from './ScriptEditor';
import { ScriptList } from './ScriptList';
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
  const [newId, setNewId] = useState<string | null>(null);
  const list = studio.list.status === 'success' ? studio.list.value : null;
  const validNewId =
    newId !== null &&
    studioScriptId.safeParse(newId).success &&
    !list?.scripts.some((s) => s.scriptId === newId);

  return (
    <Stack gap="md" data-testid="studio">
      <Text c="dimmed" fz="sm">
        {t('studio.subtitle')}
      </Text>
      {studio.error && <ErrorState error={studio.error} />}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
          <Card withBorder padding="sm">
            <Stack gap="sm">
              <Group justify="space-between">
                <Text fw={600}>{t('studio.list.title')}</Text>
                <Button
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => setNewId('')}
                  data-testid="new-script"
                >
                  {t('studio.newScript')}
                </Button>
              </Group>
              {newId !== null && (
                <Group gap="xs" align="flex-end" wrap="nowrap">
                  <TextInput
                    size="xs"
                    style={{ flex: 1 }}
                    label={t('studio.newScriptId')}
                    value={newId}
                    data-testid="new-script-id"
                    onChange={(e) => setNewId(e.currentTarget.value.toLowerCase())}
                  />
                  <Button
                    size="xs"
                    disabled={!validNewId}
                    data-testid="create-script"
                    onClick={() => {
                      studio.create(newId, emptyScriptContent(['ja', 'en']));
                      setNewId(null);
                    }}
                  >
                    {t('studio.create')}
                  </Button>
                </Group>
              )}
              {list && (
                <ScriptList
                  scripts={list.scripts}
                  selected={studio.open?.scriptId ?? null}
                  uiLanguage={uiLanguage}
                  onSelect={(id) => void studio.load(id)}
                />
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
          {studio.open ? (
            <ScriptEditor
              key={studio.open.scriptId}
              studio={studio}
              open={studio.open}
              centers={list?.centers ?? []}
              taxonomy={reference.status === 'success' ? reference.value.taxonomy : []}
              uiLanguage={uiLanguage}
              agentName={agentName}
              retailerName={retailerName}
            />
          ) : (
            <Text c="dimmed" mt="xl" ta="center">
              {t('studio.editor.choose')}
            </Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
