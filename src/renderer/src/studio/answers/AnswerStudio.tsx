import { Button, Card, Grid, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain';
import { emptyAnswerContent } from '../../../../shared/guidance';
import { studioAnswerId } from '../../../../shared/protocol/answer-authoring';
import { ErrorState } from '../../app/ErrorState';
import { StudioItemList } from '../StudioItemList';
import { AnswerEditor } from './AnswerEditor';
import { useAnswerStudio } from './use-answer-studio';

/** The approved answers (trainers and retailer admins): the list on the left, the editor right. */
export function AnswerStudio() {
  const { t, i18n } = useTranslation();
  const uiLanguage: Language = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const studio = useAnswerStudio();
  const [newId, setNewId] = useState<string | null>(null);
  const list = studio.list.status === 'success' ? studio.list.value : null;
  const validNewId =
    newId !== null &&
    studioAnswerId.safeParse(newId).success &&
    !list?.answers.some((a) => a.answerId === newId);

  return (
    <Stack gap="md" data-testid="answer-studio">
      <Text c="dimmed" fz="sm">
        {t('answers.subtitle')}
      </Text>
      {studio.error && <ErrorState error={studio.error} />}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
          <Card withBorder padding="sm">
            <Stack gap="sm">
              <Group justify="space-between">
                <Text fw={600}>{t('answers.listTitle')}</Text>
                <Button
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => setNewId('')}
                  data-testid="new-answer"
                >
                  {t('answers.newAnswer')}
                </Button>
              </Group>
              {newId !== null && (
                <Group gap="xs" align="flex-end" wrap="nowrap">
                  <TextInput
                    size="xs"
                    style={{ flex: 1 }}
                    label={t('answers.newAnswerId')}
                    value={newId}
                    data-testid="new-answer-id"
                    onChange={(e) => setNewId(e.currentTarget.value.toLowerCase())}
                  />
                  <Button
                    size="xs"
                    disabled={!validNewId}
                    data-testid="create-answer"
                    onClick={() => {
                      studio.create(newId, emptyAnswerContent(['ja', 'en']));
                      setNewId(null);
                    }}
                  >
                    {t('studio.create')}
                  </Button>
                </Group>
              )}
              {list && (
                <StudioItemList
                  items={list.answers.map((a) => ({ ...a, id: a.answerId }))}
                  selected={studio.open?.answerId ?? null}
                  uiLanguage={uiLanguage}
                  emptyText={t('answers.empty')}
                  testIdPrefix="studio-answer"
                  onSelect={(id) => void studio.load(id)}
                />
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
          {studio.open ? (
            <AnswerEditor
              key={studio.open.answerId}
              studio={studio}
              open={studio.open}
              centers={list?.centers ?? []}
            />
          ) : (
            <Text c="dimmed" mt="xl" ta="center">
              {t('answers.choose')}
            </Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
