import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScriptLintIssue } from '../../../shared/guidance';

/**
 * One lint issue in the trainer's words. A hook, not a function taking `t`: the TFunction type
 * over the whole catalog is too deep for tsc to check as a parameter (TS2589).
 */
export function useLintMessage(): (issue: ScriptLintIssue) => string {
  const { t } = useTranslation();
  return useCallback(
    (issue: ScriptLintIssue): string => {
      const lang = (l: 'ja' | 'en') => t(`studio.languageName.${l}`);
      switch (issue.kind) {
        case 'unknown_variable':
          return t('studio.lint.unknown_variable', {
            step: issue.stepId,
            language: lang(issue.language),
            name: `{{${issue.name}}}`,
          });
        case 'invalid_placeholder':
          return t('studio.lint.invalid_placeholder', {
            step: issue.stepId,
            language: lang(issue.language),
            text: `{{${issue.text}}}`,
          });
        case 'unknown_filter':
          return t('studio.lint.unknown_filter', {
            step: issue.stepId,
            language: lang(issue.language),
            filter: issue.filter,
          });
        case 'duplicate_step':
        case 'unreachable_step':
        case 'dead_end_step':
          return t(`studio.lint.${issue.kind}`, { step: issue.stepId });
        case 'unknown_step':
          return t('studio.lint.unknown_step', { step: issue.stepId, next: issue.next });
        case 'missing_translation':
          return t(`studio.lint.missing_translation_${issue.part}`, {
            step: issue.stepId ?? '',
            language: lang(issue.language),
          });
        case 'trigger_overlap':
          return issue.reasons.length === 0
            ? t('studio.lint.trigger_overlap_general', { other: issue.otherScriptId })
            : t('studio.lint.trigger_overlap', {
                other: issue.otherScriptId,
                reasons: issue.reasons.join(', '),
              });
      }
    },
    [t],
  );
}

/** The step an issue points at, to highlight it in the editor. */
export function issueStep(issue: ScriptLintIssue): string | null {
  return 'stepId' in issue ? issue.stepId : null;
}
