import { Stack } from '@mantine/core';
import { useMemo } from 'react';
import type { Language } from '../../../shared/domain';
import { diffScriptContent } from '../../../shared/guidance';
import type { ScriptContent, StudioVersionDetail } from '../../../shared/protocol/script-authoring';
import { DiffView } from './DiffView';
import { DiffTitle } from './VersionHistory';

interface ScriptDiffProps {
  loaded: StudioVersionDetail;
  /** What the editor holds now: the right side of the diff. */
  current: ScriptContent;
  language: Language;
}

/** What changed from a picked version to the edited script: step by step, line by line. */
export function ScriptDiff({ loaded, current, language }: ScriptDiffProps) {
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
