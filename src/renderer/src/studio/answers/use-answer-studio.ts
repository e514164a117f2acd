import { lintAnswerContent, type PublishedAnswerTitles } from '../../../../shared/guidance';
import type {
  AnswerContent,
  StudioAnswerDetail,
  StudioAnswerList,
} from '../../../../shared/protocol/answer-authoring';
import { callKoe } from '../../app/koe-call';
import { useAuthoringStudio, type OpenItem } from '../use-authoring-studio';

export type OpenAnswer = OpenItem<AnswerContent, StudioAnswerDetail>;

/** The approved-answer studio's calls to main. */
const answerApi = {
  list: () => callKoe('answers:list', {}),
  get: (answerId: string) => callKoe('answers:get', { answerId }),
  saveDraft: (answerId: string, content: AnswerContent) =>
    callKoe('answers:saveDraft', { answerId, content }),
  publish: (answerId: string, content: AnswerContent, releaseNotes: string) =>
    callKoe('answers:publish', { answerId, content, releaseNotes }),
  rollback: (answerId: string, version: number, releaseNotes: string) =>
    callKoe('answers:rollback', { answerId, version, releaseNotes }),
  // The duplicate-title check compares with what agents have now: the published answers.
  published: (list: StudioAnswerList): PublishedAnswerTitles[] =>
    list.answers
      .filter((a) => a.version !== null)
      .map((a) => ({ answerId: a.answerId, audience: a.audience, title: a.title })),
  lint: (content: AnswerContent, answerId: string, published: PublishedAnswerTitles[]) =>
    lintAnswerContent(content, { answerId, published }),
};

/**
 * The approved-answer studio's state, the same flow as the script studio's (see
 * `useAuthoringStudio`): the list, the answer open in the editor with its lint, the actions.
 */
export const useAnswerStudio = () => useAuthoringStudio(answerApi);

export type AnswerStudio = ReturnType<typeof useAnswerStudio>;
