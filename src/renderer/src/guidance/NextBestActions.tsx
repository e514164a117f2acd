import { Badge, Blockquote, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import {
  IconBan,
  IconCheck,
  IconChevronDown,
  IconChevronUp,
  IconUserUp,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { describePolicyReason, type NextBestAction } from '../../../shared/guidance';

interface NextBestActionsProps {
  actions: NextBestAction[];
  /** The agent's language: labels and reasons. */
  uiLanguage: Language;
  /** The language spoken on the call: what to say. */
  callLanguage: Language;
}

/**
 * What the retailer's policies allow on this call, relevant ones first: allowed or not, why,
 * and the words to use (for a refused action, what to say instead).
 */
export function NextBestActions({ actions, uiLanguage, callLanguage }: NextBestActionsProps) {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const relevant = actions.filter((a) => a.relevant);
  const others = actions.filter((a) => !a.relevant);
  const shown = showAll ? actions : relevant;

  return (
    <Stack gap="xs" component="section" aria-label={t('guidance.actionsTitle')}>
      <Group justify="space-between">
        <Title order={3} fz="md">
          {t('guidance.actionsTitle')}
        </Title>
        {others.length > 0 && (
          <Button
            variant="subtle"
            size="compact-xs"
            color="gray"
            onClick={() => setShowAll((v) => !v)}
            rightSection={
              showAll ? (
                <IconChevronUp size={14} aria-hidden />
              ) : (
                <IconChevronDown size={14} aria-hidden />
              )
            }
          >
            {showAll
              ? t('guidance.actionsRelevantOnly')
              : t('guidance.actionsShowOthers', { count: others.length })}
          </Button>
        )}
      </Group>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {actions.length === 0 ? t('guidance.actionsNone') : t('guidance.actionsNoneRelevant')}
        </Text>
      ) : (
        shown.map((action) => (
          <ActionItem
            key={action.policyId}
            action={action}
            uiLanguage={uiLanguage}
            callLanguage={callLanguage}
          />
        ))
      )}
    </Stack>
  );
}

function ActionItem({
  action,
  uiLanguage,
  callLanguage,
}: {
  action: NextBestAction;
  uiLanguage: Language;
  callLanguage: Language;
}) {
  const { t } = useTranslation();
  const procedure = action.kind === 'claim_verification' || action.kind === 'harassment_protocol';
  const say = callLanguage === 'ja' ? action.sayJa : action.sayEn;
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="next-best-action"
      data-kind={action.kind}
      data-allowed={action.allowed}
      style={action.relevant ? undefined : { opacity: 0.75 }}
    >
      <Stack gap={6}>
        <Group gap="xs" justify="space-between" wrap="nowrap">
          <Text fw={600} size="sm">
            {uiLanguage === 'ja' ? action.labelJa : action.labelEn}
          </Text>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            {action.escalate && (
              <Badge
                color="orange"
                variant="filled"
                leftSection={<IconUserUp size={12} aria-hidden />}
              >
                {t('guidance.escalate')}
              </Badge>
            )}
            {procedure ? (
              <Badge color="blue" variant="light">
                {t('guidance.procedure')}
              </Badge>
            ) : action.allowed ? (
              <Badge color="teal" variant="light" leftSection={<IconCheck size={12} aria-hidden />}>
                {t('guidance.allowed')}
              </Badge>
            ) : (
              <Badge color="gray" variant="light" leftSection={<IconBan size={12} aria-hidden />}>
                {t('guidance.notAllowed')}
              </Badge>
            )}
          </Group>
        </Group>
        {action.reasons.map((reason, index) => (
          <Text key={index} size="xs" c="dimmed">
            {describePolicyReason(reason, uiLanguage)}
          </Text>
        ))}
        {say && (
          <Blockquote
            p="xs"
            color={action.allowed ? 'indigo' : 'gray'}
            styles={{ root: { fontSize: 'var(--mantine-font-size-sm)' } }}
          >
            <Text size="xs" c="dimmed" mb={2}>
              {t('guidance.whatToSay')}
            </Text>
            <Text size="sm" lang={callLanguage}>
              {say}
            </Text>
          </Blockquote>
        )}
      </Stack>
    </Paper>
  );
}
