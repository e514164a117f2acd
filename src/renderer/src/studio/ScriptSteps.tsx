import { Button, Group, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ScriptLintIssue } from '../../../shared/guidance';
import type {
  AuthoredStep,
  ScriptContent,
  StudioScriptDetail,
} from '../../../shared/protocol/script-authoring';
import { useGuidanceReference } from '../guidance';
import { issueStep } from './lint-message';
import { ScriptMetaEditor } from './ScriptMetaEditor';
import { StepEditor } from './StepEditor';
import type { StudioEditorProps } from './studio-kind';

type ScriptStepsProps = StudioEditorProps<ScriptContent, StudioScriptDetail, ScriptLintIssue>;

/** A step id not yet used in the script. */
function freshStepId(steps: readonly AuthoredStep[]): string {
  for (let n = steps.length + 1; ; n++) {
    const id = `step-${n}`;
    if (!steps.some((s) => s.id === id)) return id;
  }
}

/** Renames a step and every branch that pointed at it. */
function renameStep(steps: readonly AuthoredStep[], from: string, to: string): AuthoredStep[] {
  return steps.map((s) => ({
    ...s,
    id: s.id === from ? to : s.id,
    branches: s.branches.map((b) => (b.next === from ? { ...b, next: to } : b)),
  }));
}

/** The open script's settings and steps (the lint's issues flag their steps). */
export function ScriptSteps({ open, issues, edit, desk }: ScriptStepsProps) {
  const { t } = useTranslation();
  const { uiLanguage } = desk;
  const reference = useGuidanceReference();
  const { content } = open;
  const flagged = new Set(issues.map(issueStep).filter((s): s is string => s !== null));

  const setSteps = (steps: AuthoredStep[]) => edit({ ...content, steps });
  const changeStep = (index: number, step: AuthoredStep) => {
    const before = content.steps[index];
    let steps = content.steps.map((s, i) => (i === index ? step : s));
    if (before && before.id !== step.id) steps = renameStep(steps, before.id, step.id);
    setSteps(steps);
  };
  const moveStep = (index: number, delta: -1 | 1) => {
    const steps = [...content.steps];
    const [moved] = steps.splice(index, 1);
    if (moved) steps.splice(index + delta, 0, moved);
    setSteps(steps);
  };

  return (
    <Stack gap="sm">
      <ScriptMetaEditor
        content={content}
        centers={desk.centers}
        taxonomy={reference.status === 'success' ? reference.value.taxonomy : []}
        uiLanguage={uiLanguage}
        onChange={edit}
      />
      {content.steps.map((step, i) => (
        <StepEditor
          key={i}
          step={step}
          index={i}
          count={content.steps.length}
          languages={content.audience.languages}
          stepIds={content.steps.map((s) => s.id)}
          hasIssue={flagged.has(step.id)}
          onChange={(s) => changeStep(i, s)}
          onMove={(delta) => moveStep(i, delta)}
          onRemove={() => setSteps(content.steps.filter((_, j) => j !== i))}
        />
      ))}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() =>
            setSteps([
              ...content.steps,
              { id: freshStepId(content.steps), compliance: false, text: {}, branches: [] },
            ])
          }
        >
          {t('studio.editor.addStep')}
        </Button>
      </Group>
    </Stack>
  );
}
