import { Stack } from '@mantine/core';
import { useMemo } from 'react';
import type { Language } from '../../../shared/domain';
import { diffScriptContent } from '../../../shared/guidance';
import type {
  ScriptContent,
  StudioScriptDetail,
  StudioVersionDetail,
} from '../../../shared/protocol/script-authoring';
import { callKoe } from '../app/koe-call';
import { DiffView } from './DiffView';
import { DiffTitle, VersionHistory } from './VersionHistory';

interface HistoryPanelProps {
  scriptId: string;
  detail: StudioScriptDetail | null;
  /** What the editor holds now: the default right side of the diff. */
  current: ScriptContent;
  language: Language;
  onRollback(version: number): void;
}

const loadVersion = (scriptId: string, version: number) =>
  callKoe('scripts:version', { scriptId, version });

/**
 * The script's versions (see VersionHistory). Picking one shows what changed from it to the
 * edited content (step by step, line by line); any version can be published again (a rollback).
 */
export function HistoryPanel({
  scriptId,
  detail,
  current,
  language,
  onRollback,
}: HistoryPanelProps) {
  return (
    <VersionHistory id={scriptId} detail={detail} loadVersion={loadVersion} onRollback={onRollback}>
      {(loaded) => <ScriptDiff loaded={loaded} current={current} language={language} />}
    </VersionHistory>
  );
}

interface ScriptDiffProps {
  loaded: StudioVersionDetail;
  current: ScriptContent;
  language: Language;
}

function ScriptDiff({ loaded, current, language }: ScriptDiffProps) {
  const diff = useMemo(
    () => diffScriptContent(loaded.content, current, language),
    [loaded, current, language],
  );
  return (
    <Stack gap={4}>
      <DiffTitle from={loaded.info.version} />
      <DiffView diff={diff} />
    </Stack>
  );
}
