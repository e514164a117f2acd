import {
  Badge,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { buildScriptContext, renderScriptText } from '../../../shared/guidance';
import type { ScriptContent } from '../../../shared/protocol/script-authoring';
import { useKoeQuery } from '../app/use-koe-query';
import { ScriptText } from '../guidance';

interface PreviewPanelProps {
  content: ScriptContent;
  agentName: string;
  retailerName: string;
}

/**
 * The script filled with a real customer's facts from the local cache, as an agent would read
 * it on a call with them: every step, rendered as text (never HTML).
 */
export function PreviewPanel({ content, agentName, retailerName }: PreviewPanelProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [language, setLanguage] = useState<Language>(content.audience.languages[0] ?? 'ja');
  const shownLanguage = content.audience.languages.includes(language)
    ? language
    : (content.audience.languages[0] ?? 'ja');
  const search = useKoeQuery(
    'customers:search',
    query.trim() ? { query: query.trim(), limit: 6 } : null,
  );
  const card = useKoeQuery('customers:card', customerId ? { customerId } : null);
  // "Now" of the preview is when it opened, like a call's.
  const [now] = useState(() => Date.now());

  const context = useMemo(
    () =>
      card.status === 'success'
        ? buildScriptContext(card.value, { agentName, retailerName, locale: shownLanguage, now })
        : null,
    [card, agentName, retailerName, shownLanguage, now],
  );

  return (
    <Stack gap="sm">
      <Text fz="sm" c="dimmed">
        {t('studio.preview.description')}
      </Text>
      <Group align="flex-end">
        <TextInput
          style={{ flex: 1 }}
          label={t('studio.preview.search')}
          value={query}
          data-testid="preview-search"
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
        {content.audience.languages.length > 1 && (
          <SegmentedControl
            value={shownLanguage}
            onChange={(v) => setLanguage(v as Language)}
            data={content.audience.languages.map((l) => ({
              value: l,
              label: t(`studio.languageName.${l}`),
            }))}
          />
        )}
      </Group>
      {search.status === 'success' && search.value.customers.length === 0 && (
        <Text fz="sm" c="dimmed">
          {t('studio.preview.noResults')}
        </Text>
      )}
      {search.status === 'success' && search.value.customers.length > 0 && (
        <Group gap="xs">
          {search.value.customers.map((c) => (
            <UnstyledButton
              key={c.id}
              onClick={() => setCustomerId(c.id)}
              data-testid={`preview-customer-${c.id}`}
            >
              <Badge
                size="lg"
                variant={customerId === c.id ? 'filled' : 'light'}
                style={{ textTransform: 'none', cursor: 'pointer' }}
              >
                {c.familyName} {c.givenName}
              </Badge>
            </UnstyledButton>
          ))}
        </Group>
      )}
      {!context ? (
        <Text fz="sm" c="dimmed">
          {t('studio.preview.pick')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="preview-steps">
          {content.steps.map((step) => {
            const rendered = renderScriptText(step.text[shownLanguage] ?? '', context);
            return (
              <Card key={step.id} withBorder padding="sm" data-testid={`preview-step-${step.id}`}>
                <Group gap="xs" mb={4}>
                  <Text fz="xs" c="dimmed" ff="monospace">
                    {step.id}
                  </Text>
                  {step.compliance && (
                    <Badge size="xs" color="orange" leftSection={<IconShieldCheck size={10} />}>
                      {t('guidance.compliance')}
                    </Badge>
                  )}
                </Group>
                <ScriptText lines={rendered.lines} size="sm" />
                {rendered.missing.length > 0 && (
                  <Text fz="xs" c="orange" mt={4}>
                    {t('studio.preview.missing', { names: rendered.missing.join(', ') })}
                  </Text>
                )}
                {step.branches.map((b, i) => (
                  <Text key={i} fz="xs" c="dimmed">
                    {t('studio.preview.branchTo', {
                      label: b.label[shownLanguage] ?? '',
                      next: b.next,
                    })}
                  </Text>
                ))}
              </Card>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
