import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
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

interface HistoryPanelProps {
  scriptId: string;
  detail: StudioScriptDetail | null;
  /** What the editor holds now: the default right side of the diff. */
  current: ScriptContent;
  language: Language;
  onRollback(version: number): void;
}

/**
 * Every published version, newest first, with who published it and its notes. Picking one shows
 * what changed from it to the edited content (step by step, line by line); any version can be
 * published again as a new version (a rollback).
 */
export function HistoryPanel({
  scriptId,
  detail,
  current,
  language,
  onRollback,
}: HistoryPanelProps) {
  const { t, i18n } = useTranslation();
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
  const at = (iso: string) =>
    new Date(iso).toLocaleString(i18n.resolvedLanguage === 'en' ? 'en-US' : 'ja-JP');

  if (versions.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        {t('studio.history.empty')}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      <Table striped highlightOnHover data-testid="version-history">
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.version} data-testid={`version-${v.version}`}>
              <Table.Td w={60}>
                <Badge variant={v.version === detail?.published?.version ? 'filled' : 'light'}>
                  v{v.version}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {v.releaseNotes}
                </Text>
                <Text fz="xs" c="dimmed">
                  {t('studio.history.publishedBy', {
                    who: v.publishedBy ?? t('studio.history.retailerSystem'),
                    at: at(v.publishedAt),
                  })}
                  {v.rollbackOf !== null &&
                    ` · ${t('studio.history.rollbackOf', { version: v.rollbackOf })}`}
                </Text>
              </Table.Td>
              <Table.Td w={220}>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button
                    size="compact-xs"
                    variant={picked === v.version ? 'filled' : 'light'}
                    onClick={() => {
                      setError(null);
                      setLoaded(null);
                      setPicked(v.version);
                    }}
                  >
                    {t('studio.history.compareWith')}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    leftSection={<IconArrowBackUp size={14} />}
                    onClick={() => onRollback(v.version)}
                    data-testid={`rollback-${v.version}`}
                  >
                    {t('studio.history.rollback')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
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
