import { useTranslation } from 'react-i18next';
import {
  emptyAnswerContent,
  lintAnswerContent,
  type AnswerLintIssue,
  type PublishedAnswerTitles,
} from '../../../../shared/guidance';
import { authoringApi, type StudioKindOf } from '../studio-kind';
import { AnswerDiff } from './AnswerDiff';
import { AnswerFields } from './AnswerFields';
import { useAnswerLintMessage } from './answer-lint-message';
import { AnswerPreview } from './AnswerPreview';

/** Approved answers in the studio: title, body and tags, linted against published titles. */
export const answerKind: StudioKindOf<'answer', PublishedAnswerTitles, AnswerLintIssue> = {
  api: authoringApi('answer', {
    // The duplicate-title check compares with what agents have now: the published answers.
    published: (list) =>
      list.answers
        .filter((a) => a.version !== null)
        .map((a) => ({ answerId: a.answerId, audience: a.audience, title: a.title })),
    lint: (content, answerId, published) => lintAnswerContent(content, { answerId, published }),
  }),
  emptyContent: () => emptyAnswerContent(['ja', 'en']),
  items: (list) => list.answers.map((a) => ({ ...a, id: a.answerId })),
  useText() {
    const { t } = useTranslation();
    return {
      subtitle: t('answers.subtitle'),
      listTitle: t('answers.listTitle'),
      newItem: t('answers.newAnswer'),
      newId: t('answers.newAnswerId'),
      choose: t('answers.choose'),
      empty: t('answers.empty'),
    };
  },
  useLintMessage: useAnswerLintMessage,
  testIds: {
    page: 'answer-studio',
    list: 'studio-answer',
    new: { open: 'new-answer', id: 'new-answer-id', create: 'create-answer' },
    editor: {
      editor: 'answer-editor',
      save: 'save-answer-draft',
      publish: 'open-answer-publish',
      history: 'answer-tab-history',
    },
  },
  useTabs({ open, edit, desk }) {
    const { t } = useTranslation();
    return [
      {
        value: 'edit',
        label: t('answers.tabEdit'),
        panel: <AnswerFields content={open.content} centers={desk.centers} onChange={edit} />,
      },
      {
        value: 'preview',
        label: t('studio.editor.tabPreview'),
        testId: 'answer-tab-preview',
        panel: <AnswerPreview answerId={open.id} content={open.content} />,
      },
    ];
  },
  diff: (loaded, { open }) => <AnswerDiff loaded={loaded} current={open.content} />,
};
