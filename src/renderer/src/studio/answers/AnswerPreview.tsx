import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { contentToAnswers } from '../../../../shared/guidance';
import type { AnswerContent } from '../../../../shared/protocol/answer-authoring';
import { KnowledgeAnswerCard } from '../../guidance';

/**
 * The answer in every language of its audience, as agents will see it in the answer search:
 * the same card, fed the records a publish would write (tags normalized). Text, never HTML.
 */
export function AnswerPreview({ answerId, content }: { answerId: string; content: AnswerContent }) {
  const { t } = useTranslation();
  const records = contentToAnswers(answerId, content, { version: 1, publishedAt: '' });
  return (
    <Stack gap="xs" data-testid="answer-preview">
      <Text fz="sm" c="dimmed">
        {t('answers.previewIntro')}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: records.length > 1 ? 2 : 1 }}>
        {records.map((record) => (
          <Stack key={record.language} gap={4} data-testid={`answer-preview-${record.language}`}>
            <Text fz="xs" fw={600} c="dimmed">
              {t(`studio.languageName.${record.language}`)}
            </Text>
            {record.body.trim() || record.title ? (
              <KnowledgeAnswerCard answer={record} />
            ) : (
              <Text fz="sm" c="dimmed">
                {t('answers.previewEmpty')}
              </Text>
            )}
          </Stack>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
