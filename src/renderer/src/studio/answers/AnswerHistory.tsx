import { Badge, Card, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { diffAnswerContent } from '../../../../shared/guidance';
import type { IpcError } from '../../../../shared/ipc';
import type {
  AnswerContent,
  StudioAnswerDetail,
  StudioAnswerVersionDetail,
} from '../../../../shared/protocol/answer-authoring';
import { ErrorState } from '../../app/ErrorState';
import { callKoe } from '../../app/koe-call';
import { LineDiff } from '../LineDiff';
import { VersionTable } from '../VersionTable';

interface AnswerHistoryProps {
  answerId: string;
  detail: StudioAnswerDetail | null;
  /** What the editor holds now: the right side of the diff. */
  current: AnswerContent;
  onRollback(version: number): void;
}

/** The answer's versions; a picked one is diffed against the edit, body line by line. */
export function AnswerHistory({ answerId, detail, current, onRollback }: AnswerHistoryProps) {
  const { t } = useTranslation();
  const versions = detail?.versions ?? [];
  const [picked, setPicked] = useState<number | null>(null);
  const [loaded, setLoaded] = useState<StudioAnswerVersionDetail | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    if (picked === null) return;
    let live = true;
    void callKoe('answers:version', { answerId, version: picked }).then((result) => {
      if (!live) return;
      if (result.ok) setLoaded(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [answerId, picked]);

  const diff = useMemo(
    () => (loaded ? diffAnswerContent(loaded.content, current) : null),
    [loaded, current],
  );

  if (versions.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        {t('studio.history.empty')}
      </Text>
    );
  }
  const flags = diff
    ? [
        diff.titleChanged && t('studio.history.titleChanged'),
        diff.tagsChanged && t('answers.history.tagsChanged'),
        diff.audienceChanged && t('studio.history.audienceChanged'),
      ].filter((m): m is string => typeof m === 'string')
    : [];
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
        <Stack gap="xs" data-testid="diff">
          <Text fw={600} fz="sm">
            {t('studio.history.diffTitle', {
              from: loaded.info.version,
              to: t('studio.history.draftLabel'),
            })}
          </Text>
          {flags.length === 0 && diff.bodies.length === 0 && (
            <Text fz="sm" c="dimmed" data-testid="diff-none">
              {t('studio.history.noChanges')}
            </Text>
          )}
          {flags.map((m) => (
            <Text key={m} fz="sm">
              • {m}
            </Text>
          ))}
          {diff.bodies.map((body) => (
            <Card key={body.language} withBorder padding="xs">
              <Badge size="sm" color="yellow" variant="light" mb={4}>
                {t('answers.history.bodyChanged', {
                  language: t(`studio.languageName.${body.language}`),
                })}
              </Badge>
              <LineDiff lines={body.lines} />
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
