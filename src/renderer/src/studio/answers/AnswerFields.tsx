import { Card, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain';
import { ANSWER_BODY_LIMIT, parseTagInput } from '../../../../shared/guidance';
import type { AnswerContent } from '../../../../shared/protocol/answer-authoring';
import { AudienceEditor } from '../AudienceEditor';

interface AnswerFieldsProps {
  content: AnswerContent;
  centers: readonly { id: string; name: string }[];
  onChange(content: AnswerContent): void;
}

/** The audience, then per language of it: title, body (plain text) and tags. */
export function AnswerFields({ content, centers, onChange }: AnswerFieldsProps) {
  return (
    <Stack gap="sm">
      <Card withBorder padding="sm">
        <AudienceEditor
          audience={content.audience}
          centers={centers}
          onChange={(audience) => onChange({ ...content, audience })}
        />
      </Card>
      {content.audience.languages.map((lang) => (
        <LanguageFields key={lang} language={lang} content={content} onChange={onChange} />
      ))}
    </Stack>
  );
}

function LanguageFields({
  language,
  content,
  onChange,
}: {
  language: Language;
  content: AnswerContent;
  onChange(content: AnswerContent): void;
}) {
  const { t } = useTranslation();
  const languageName = t(`studio.languageName.${language}`);
  const body = content.body[language] ?? '';
  // Tags are typed as one line and split when the field is left, so a trainer can type a comma.
  const [tagText, setTagText] = useState((content.tags[language] ?? []).join(', '));
  return (
    <Card withBorder padding="sm" data-testid={`answer-fields-${language}`}>
      <Stack gap="xs">
        <Text fw={600} fz="sm">
          {languageName}
        </Text>
        <TextInput
          size="sm"
          label={t('answers.title', { language: languageName })}
          value={content.title[language] ?? ''}
          error={!content.title[language]?.trim()}
          data-testid={`answer-title-${language}`}
          onChange={(e) =>
            onChange({ ...content, title: { ...content.title, [language]: e.currentTarget.value } })
          }
        />
        <Textarea
          size="sm"
          autosize
          minRows={4}
          maxRows={16}
          lang={language}
          label={t('answers.body', {
            language: languageName,
            count: body.length,
            limit: ANSWER_BODY_LIMIT,
          })}
          value={body}
          error={!body.trim() || body.length > ANSWER_BODY_LIMIT}
          data-testid={`answer-body-${language}`}
          onChange={(e) =>
            onChange({ ...content, body: { ...content.body, [language]: e.currentTarget.value } })
          }
        />
        <TextInput
          size="xs"
          label={t('answers.tags', { language: languageName })}
          value={tagText}
          data-testid={`answer-tags-${language}`}
          onChange={(e) => setTagText(e.currentTarget.value)}
          onBlur={() => {
            const tags = parseTagInput(tagText);
            setTagText(tags.join(', '));
            onChange({ ...content, tags: { ...content.tags, [language]: tags } });
          }}
        />
      </Stack>
    </Card>
  );
}
