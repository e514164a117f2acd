import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AnswerLintIssue } from '../../../../shared/guidance';
import type {
  AnswerContent,
  StudioAnswerDetail,
  StudioAnswerVersionDetail,
} from '../../../../shared/protocol/answer-authoring';
import type { StudioEditorProps } from '../studio-kind';
import { VersionHistory } from '../VersionHistory';
import { AnswerDiff } from './AnswerDiff';
import { AnswerFields } from './AnswerFields';
import { AnswerPreview } from './AnswerPreview';

type AnswerEditorProps = StudioEditorProps<
  AnswerContent,
  StudioAnswerDetail,
  StudioAnswerVersionDetail,
  AnswerLintIssue
>;

/** The open answer's tabs: its fields, preview and history. */
export function AnswerEditor({ open, edit, desk, loadVersion, rollback }: AnswerEditorProps) {
  const { t } = useTranslation();
  const { content } = open;

  return (
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
        <AnswerFields content={content} centers={desk.centers} onChange={edit} />
      </Tabs.Panel>
      <Tabs.Panel value="preview" pt="sm">
        <AnswerPreview answerId={open.id} content={content} />
      </Tabs.Panel>
      <Tabs.Panel value="history" pt="sm">
        <VersionHistory
          id={open.id}
          detail={open.detail}
          loadVersion={loadVersion}
          onRollback={rollback}
        >
          {(loaded) => <AnswerDiff loaded={loaded} current={content} />}
        </VersionHistory>
      </Tabs.Panel>
    </Tabs>
  );
}
