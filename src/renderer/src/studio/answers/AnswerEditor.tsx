import { Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconDeviceFloppy, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LintPanel } from '../LintPanel';
import { PublishModal } from '../PublishModal';
import { AnswerFields } from './AnswerFields';
import { AnswerHistory } from './AnswerHistory';
import { AnswerPreview } from './AnswerPreview';
import { useAnswerLintMessage } from './answer-lint-message';
import type { AnswerStudio, OpenAnswer } from './use-answer-studio';

interface AnswerEditorProps {
  studio: AnswerStudio;
  open: OpenAnswer;
  centers: readonly { id: string; name: string }[];
}

/** The open answer: its fields, preview and history, the lint, and publish. */
export function AnswerEditor({ studio, open, centers }: AnswerEditorProps) {
  const { t } = useTranslation();
  const lintMessage = useAnswerLintMessage();
  const [publishing, setPublishing] = useState<{ rollbackOf: number | null } | null>(null);
  const { content } = open;

  return (
    <Stack gap="sm" data-testid="answer-editor">
      <Group justify="space-between">
        <Group gap="xs">
          <Text fw={700} ff="monospace">
            {open.answerId}
          </Text>
          <Text fz="xs" c={open.dirty ? 'orange' : 'dimmed'}>
            {open.dirty
              ? t('studio.editor.unsaved')
              : open.savedAt
                ? t('studio.editor.saved', { time: new Date(open.savedAt).toLocaleTimeString() })
                : ''}
          </Text>
        </Group>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconDeviceFloppy size={16} />}
            loading={studio.busy}
            onClick={() => void studio.saveDraft()}
            data-testid="save-answer-draft"
          >
            {t('studio.editor.save')}
          </Button>
          <Button
            leftSection={<IconSend size={16} />}
            disabled={studio.issues.length > 0}
            onClick={() => setPublishing({ rollbackOf: null })}
            data-testid="open-answer-publish"
          >
            {t('studio.editor.publish')}
          </Button>
        </Group>
      </Group>
      <LintPanel messages={studio.issues.map(lintMessage)} />
      <Tabs defaultValue="edit" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="edit">{t('answers.tabEdit')}</Tabs.Tab>
          <Tabs.Tab value="preview" data-testid="answer-tab-preview">
            {t('studio.editor.tabPreview')}
          </Tabs.Tab>
          <Tabs.Tab value="history" data-testid="answer-tab-history">
            {t('studio.editor.tabHistory')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="edit" pt="sm">
          <AnswerFields content={content} centers={centers} onChange={studio.edit} />
        </Tabs.Panel>
        <Tabs.Panel value="preview" pt="sm">
          <AnswerPreview answerId={open.answerId} content={content} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="sm">
          <AnswerHistory
            answerId={open.answerId}
            detail={open.detail}
            current={content}
            onRollback={(version) => setPublishing({ rollbackOf: version })}
          />
        </Tabs.Panel>
      </Tabs>
      <PublishModal
        opened={publishing !== null}
        rollbackOf={publishing?.rollbackOf ?? null}
        blocked={publishing?.rollbackOf === null && studio.issues.length > 0}
        busy={studio.busy}
        onClose={() => setPublishing(null)}
        onPublish={(notes) =>
          publishing?.rollbackOf != null
            ? studio.rollback(publishing.rollbackOf, notes)
            : studio.publish(notes)
        }
      />
    </Stack>
  );
}
