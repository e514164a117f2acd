import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain';
import { emptyAnswerContent } from '../../../../shared/guidance';
import { studioAnswerId } from '../../../../shared/protocol/answer-authoring';
import { StudioItemList } from '../StudioItemList';
import { StudioSplit } from '../StudioSplit';
import { AnswerEditor } from './AnswerEditor';
import { useAnswerStudio } from './use-answer-studio';

/** The approved answers (trainers and retailer admins): the list on the left, the editor right. */
export function AnswerStudio() {
  const { t, i18n } = useTranslation();
  const uiLanguage: Language = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const studio = useAnswerStudio();
  const list = studio.list.status === 'success' ? studio.list.value : null;

  return (
    <StudioSplit
      testId="answer-studio"
      text={{
        subtitle: t('answers.subtitle'),
        listTitle: t('answers.listTitle'),
        newItem: t('answers.newAnswer'),
        newId: t('answers.newAnswerId'),
        choose: t('answers.choose'),
      }}
      newTestIds={{ open: 'new-answer', id: 'new-answer-id', create: 'create-answer' }}
      error={studio.error}
      isNewIdValid={(id) =>
        studioAnswerId.safeParse(id).success && !list?.answers.some((a) => a.answerId === id)
      }
      onCreate={(id) => studio.create(id, emptyAnswerContent(['ja', 'en']))}
      list={
        list && (
          <StudioItemList
            items={list.answers.map((a) => ({ ...a, id: a.answerId }))}
            selected={studio.open?.id ?? null}
            uiLanguage={uiLanguage}
            emptyText={t('answers.empty')}
            testIdPrefix="studio-answer"
            onSelect={(id) => void studio.load(id)}
          />
        )
      }
      editor={
        studio.open && (
          <AnswerEditor
            key={studio.open.id}
            studio={studio}
            open={studio.open}
            centers={list?.centers ?? []}
          />
        )
      }
    />
  );
}
