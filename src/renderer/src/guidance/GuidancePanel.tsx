import { memo } from 'react';
import { Divider, Paper, Skeleton, Stack } from '@mantine/core';
import type { Language } from '../../../shared/domain';
import type { CallGuidance } from './call-guidance';
import { NextBestActions } from './NextBestActions';
import { RiskSignalsPanel } from '../predictions';
import { ScriptPanel } from './ScriptPanel';

interface GuidancePanelProps {
  /** Null while the reference or the card loads. */
  guidance: CallGuidance | null;
  uiLanguage: Language;
  scriptPath: string[] | null;
  onScriptMove(scriptId: string, path: string[]): void;
  /** The offered actions marked done on the call, and the way to mark one. */
  actionsDone?: readonly string[];
  onActionDone?(kind: string, done: boolean): void;
}

/** The right side of the call: what to say (the script), then what the agent may offer.
 * Memoized: the workspace renders again on every change of the desk's state during a call. */
export const GuidancePanel = memo(function GuidancePanel({
  guidance,
  uiLanguage,
  scriptPath,
  onScriptMove,
  actionsDone,
  onActionDone,
}: GuidancePanelProps) {
  if (!guidance) {
    return (
      <Paper withBorder p="md" aria-busy="true">
        <Stack gap="sm">
          <Skeleton height={18} width="50%" />
          <Skeleton height={90} />
          <BranchSkeleton />
        </Stack>
      </Paper>
    );
  }
  return (
    <Stack gap="md" data-testid="guidance-panel">
      <ScriptPanel
        selection={guidance.selection}
        context={guidance.context}
        path={scriptPath}
        onMove={onScriptMove}
      />
      {guidance.actions.length > 0 && (
        <>
          <Divider />
          {guidance.signals && (
            <RiskSignalsPanel signals={guidance.signals} uiLanguage={uiLanguage} />
          )}
          <NextBestActions
            actions={guidance.actions}
            uiLanguage={uiLanguage}
            callLanguage={guidance.callLanguage}
            {...(actionsDone ? { done: actionsDone } : {})}
            {...(onActionDone ? { onToggleDone: onActionDone } : {})}
          />
        </>
      )}
    </Stack>
  );
});

function BranchSkeleton() {
  return (
    <Stack gap={6}>
      <Skeleton height={28} width="40%" radius="xl" />
      <Skeleton height={28} width="30%" radius="xl" />
    </Stack>
  );
}
