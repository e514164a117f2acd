import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../shared/ipc';
import { callKoe } from '../app/koe-call';
import { checkEmail, checkPassword, checkRetailerUrl } from './retailer-form';
import { errorText } from '../app/error-text';
import { OutcomeAlert } from '../app/OutcomeAlert';

type Outcome = { kind: 'connected'; retailerUrl: string } | { kind: 'failed'; error: IpcError };

/**
 * Signs in to a retailer and, only if that works, saves it as the one to use from the next
 * start (`retailer:connect`). The password goes straight to the core and is cleared here after
 * each attempt: nothing of it stays in the renderer.
 */
export function RetailerConnectionForm() {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showProblems, setShowProblems] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const urlProblem = checkRetailerUrl(url);
  const emailProblem = checkEmail(email);
  const passwordProblem = checkPassword(password);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    if (urlProblem || emailProblem || passwordProblem || submitting) return;
    setSubmitting(true);
    setOutcome(null);
    const input = { retailerUrl: url.trim(), email: email.trim(), password };
    setPassword('');
    void callKoe('retailer:connect', input).then((result) => {
      setSubmitting(false);
      setShowProblems(false);
      setOutcome(
        result.ok
          ? { kind: 'connected', retailerUrl: result.value.retailerUrl }
          : { kind: 'failed', error: result.error },
      );
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="retailer-form">
      <Stack gap="sm">
        <TextInput
          label={t('settings.retailer.url')}
          description={t('settings.retailer.urlDescription')}
          placeholder={t('settings.retailer.urlPlaceholder')}
          value={url}
          onChange={(event) => setUrl(event.currentTarget.value)}
          error={
            showProblems && urlProblem ? t(`settings.retailer.urlProblem.${urlProblem}`) : null
          }
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          maxLength={2048}
          required
        />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label={t('settings.retailer.email')}
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={showProblems && emailProblem ? t('settings.retailer.emailInvalid') : null}
            type="email"
            autoComplete="username"
            spellCheck={false}
            maxLength={254}
            required
          />
          <TextInput
            label={t('settings.retailer.password')}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={showProblems && passwordProblem ? t('settings.retailer.passwordRequired') : null}
            type="password"
            autoComplete="current-password"
            maxLength={200}
            required
          />
        </SimpleGrid>
        <Group justify="space-between" align="center" wrap="nowrap">
          <Text size="xs" c="dimmed">
            {t('settings.retailer.passwordNotice')}
          </Text>
          <Button
            type="submit"
            loading={submitting}
            leftSection={<IconPlugConnected size={18} aria-hidden />}
            style={{ flexShrink: 0 }}
          >
            {t('settings.retailer.submit')}
          </Button>
        </Group>
        {outcome?.kind === 'connected' && (
          <OutcomeAlert
            outcome="success"
            title={t('settings.retailer.connectedTitle')}
            data-testid="retailer-connected"
          >
            {t('settings.retailer.connectedMessage', { url: outcome.retailerUrl })}
          </OutcomeAlert>
        )}
        {outcome?.kind === 'failed' && (
          <OutcomeAlert
            outcome="failure"
            title={t('settings.retailer.failedTitle')}
            data-testid="retailer-failed"
          >
            <Stack gap={4}>
              <Text size="sm">{errorText(outcome.error, t)}</Text>
              <Text size="sm" c="dimmed">
                {t('settings.retailer.failedNoChange')}
              </Text>
            </Stack>
          </OutcomeAlert>
        )}
      </Stack>
    </form>
  );
}
