import { Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { diffScriptContent } from '../../../shared/guidance';
import type {
  ScriptContent,
  StudioScriptDetail,
  StudioVersionDetail,
} from '../../../shared/protocol/script-authoring';
import { ErrorState } from '../app/ErrorState';
import { callKoe } from '../app/koe-call';
import type { IpcError } from '../../../shared/ipc';
import { DiffView } from './DiffView';
import { VersionTable } from './VersionTable';

interface HistoryPanelProps {
  scriptId: string;
  detail: StudioScriptDetail | null;
  /** What the editor holds now: the default right side of the diff. */
  current: ScriptContent;
  language: Language;
  onRollback(version: number): void;
}

/**
 * The script's versions (see VersionTable). Picking one shows what changed from it to the edited
 * content (step by step, line by line); any version can be published again (a rollback).
 */
export function HistoryPanel({
  scriptId,
  detail,
  current,
  language,
  onRollback,
}: HistoryPanelProps) {
  const { t } = useTranslation();
  const versions = detail?.versions ?? [];
  const [picked, setPicked] = useState<number | null>(null);
  const [loaded, setLoaded] = useState<StudioVersionDetail | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    if (picked === null) return;
    let live = true;
    void callKoe('studio:version', { scriptId, version: picked }).then((result) => {
      if (!live) return;
      if (result.ok) setLoaded(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [scriptId, picked]);

  const diff = useMemo(
    () => (loaded ? diffScriptContent(loaded.content, current, language) : null),
    [loaded, current, language],
  );

  if (versions.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        {t('studio.history.empty')}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      <VersionTable
        versions={versions}
        current={detail?.published?.version ?? null}
        picked={picked}
        onPick={(version) => {
          setError(null);
          setLoaded(null);
          setPicked(version);
        }}
        onRollback={onRollback}
      />
      {error && <ErrorState error={error} />}
      {loaded && diff && (
        <Stack gap={4}>
          <Text fw={600} fz="sm">
            {t('studio.history.diffTitle', {
              from: loaded.info.version,
              to: t('studio.history.draftLabel'),
            })}
          </Text>
          <DiffView diff={diff} />
        </Stack>
      )}
    </Stack>
  );
}
