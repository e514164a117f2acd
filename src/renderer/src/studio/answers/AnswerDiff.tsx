import { Badge, Card, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { diffAnswerContent } from '../../../../shared/guidance';
import type {
  AnswerContent,
  StudioAnswerVersionDetail,
} from '../../../../shared/protocol/answer-authoring';
import { LineDiff } from '../LineDiff';
import { DiffTitle } from '../VersionHistory';

/** What changed from a picked version to the edited answer: flags, then each body line by line. */
export function AnswerDiff({
  loaded,
  current,
}: {
  loaded: StudioAnswerVersionDetail;
  current: AnswerContent;
}) {
  const { t } = useTranslation();
  const diff = useMemo(() => diffAnswerContent(loaded.content, current), [loaded, current]);
  const flags = [
    diff.titleChanged && t('studio.history.titleChanged'),
    diff.tagsChanged && t('answers.history.tagsChanged'),
    diff.audienceChanged && t('studio.history.audienceChanged'),
  ].filter((m): m is string => typeof m === 'string');
  return (
    <Stack gap="xs" data-testid="diff">
      <DiffTitle from={loaded.info.version} />
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
  );
}
