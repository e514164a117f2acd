import { Stack, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError, IpcResult } from '../../../shared/ipc';
import { ErrorState } from '../app/ErrorState';
import { VersionTable } from './VersionTable';

type Versions = Parameters<typeof VersionTable>[0]['versions'];

interface VersionHistoryProps<V> {
  id: string;
  detail: { versions: Versions; published: { version: number } | null } | null;
  /** Reads one version from main; a module-level function (the effect depends on it). */
  loadVersion(id: string, version: number): Promise<IpcResult<V>>;
  onRollback(version: number): void;
  /** What changed from the picked version to the edited content. */
  children(loaded: V): ReactNode;
}

/**
 * A studio item's versions (see VersionTable), scripts and approved answers alike: picking one
 * reads it and shows what changed from it to the edit; any version can be published again.
 */
export function VersionHistory<V>({
  id,
  detail,
  loadVersion,
  onRollback,
  children,
}: VersionHistoryProps<V>) {
  const { t } = useTranslation();
  const versions = detail?.versions ?? [];
  const [picked, setPicked] = useState<number | null>(null);
  const [loaded, setLoaded] = useState<V | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    if (picked === null) return;
    let live = true;
    void loadVersion(id, picked).then((result) => {
      if (!live) return;
      if (result.ok) setLoaded(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [id, picked, loadVersion]);

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
      {loaded !== null && children(loaded)}
    </Stack>
  );
}

/** The diff's heading: from the picked version to the edit. */
export function DiffTitle({ from }: { from: number }) {
  const { t } = useTranslation();
  return (
    <Text fw={600} fz="sm">
      {t('studio.history.diffTitle', { from, to: t('studio.history.draftLabel') })}
    </Text>
  );
}
