import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerLintIssue } from '../../../../shared/guidance';

/** One answer lint issue in the trainer's words (a hook for the same reason as useLintMessage). */
export function useAnswerLintMessage(): (issue: AnswerLintIssue) => string {
  const { t } = useTranslation();
  return useCallback(
    (issue: AnswerLintIssue): string => {
      const language = t(`studio.languageName.${issue.language}`);
      switch (issue.kind) {
        case 'missing_translation':
          return t(`answers.lint.missing_translation_${issue.part}`, { language });
        case 'body_too_long':
          return t('answers.lint.body_too_long', {
            language,
            length: issue.length,
            limit: issue.limit,
          });
        case 'stray_placeholder':
          return t('answers.lint.stray_placeholder', {
            language,
            part: t(issue.part === 'title' ? 'answers.lint.partTitle' : 'answers.lint.partBody'),
            text: issue.text,
          });
        case 'duplicate_title':
          return t('answers.lint.duplicate_title', {
            language,
            title: issue.title,
            other: issue.otherAnswerId,
          });
      }
    },
    [t],
  );
}
