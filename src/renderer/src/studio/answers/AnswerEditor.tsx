import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { StudioEditorFrame } from '../StudioEditorFrame';
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
  const { content } = open;

  return (
    <StudioEditorFrame
      studio={studio}
      open={open}
      lintMessages={studio.issues.map(lintMessage)}
      testIds={{
        editor: 'answer-editor',
        save: 'save-answer-draft',
        publish: 'open-answer-publish',
      }}
    >
      {(rollback) => (
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
            <AnswerPreview answerId={open.id} content={content} />
          </Tabs.Panel>
          <Tabs.Panel value="history" pt="sm">
            <AnswerHistory
              answerId={open.id}
              detail={open.detail}
              current={content}
              onRollback={rollback}
            />
          </Tabs.Panel>
        </Tabs>
      )}
    </StudioEditorFrame>
  );
}
