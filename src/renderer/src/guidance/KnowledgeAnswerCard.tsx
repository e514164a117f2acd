import { Badge, Group, Paper, Text } from '@mantine/core';
import type { KnowledgeAnswer } from '../../../shared/domain';

type ShownAnswer = Pick<KnowledgeAnswer, 'title' | 'body' | 'tags' | 'language'>;

/**
 * One approved answer as the agent sees it in the answer search: the title, the body as plain
 * text (line breaks kept; never parsed as HTML or Markdown, so what the trainer wrote is exactly
 * what is read out) and the tags. The studio's preview shows the same card.
 */
export function KnowledgeAnswerCard({ answer }: { answer: ShownAnswer }) {
  return (
    <Paper withBorder p="sm" data-testid="knowledge-answer">
      <Text fw={600} size="sm" mb={4}>
        {answer.title}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lang={answer.language}>
        {answer.body}
      </Text>
      {answer.tags.length > 0 && (
        <Group gap={4} mt={6}>
          {answer.tags.map((tag) => (
            <Badge key={tag} size="xs" variant="default">
              {tag}
            </Badge>
          ))}
        </Group>
      )}
    </Paper>
  );
}
