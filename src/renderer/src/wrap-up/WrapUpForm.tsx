import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Kbd,
  NativeSelect,
  Paper,
  Stack,
  Switch,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconDeviceFloppy, IconShieldLock } from '@tabler/icons-react';
import { useEffect, useEffectEvent, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSession } from '../../../shared/calls/call-session';
import type { CustomerCard, Order } from '../../../shared/domain';
import {
  MAX_CUSTOMER_WORDS,
  redactPaymentData,
  storedWordsLength,
  validateWrapUp,
  wrapUpErrorMessage,
} from '../../../shared/guidance';
import type { IpcError, WrapUpSaved } from '../../../shared/ipc';
import { callKoe } from '../app/koe-call';
import { OutcomeAlert } from '../app/OutcomeAlert';
import { displayName } from '../customers';
import { currentLanguage } from '../i18n/i18n';
import { useFormatters } from '../i18n/use-formatters';
import { modifierKeyLabel } from '../app/shortcut-labels';
import { AcwTimer } from './AcwTimer';
import { CallbackField } from './CallbackField';
import { ChoiceGroup, type Choice } from './ChoiceGroup';
import { ReasonPicker } from './ReasonPicker';
import { altKeyLabel } from './shortcut-keys';
import { callerNumber } from './today-display';
import { useRedactionItems } from './use-redaction-items';
import {
  effectiveAvoidable,
  errorsByField,
  FIELD_KEYS,
  firstInvalidField,
  formOf,
  RESOLUTION_KEYS,
  RESOLUTIONS,
  SENTIMENT_KEYS,
  SENTIMENTS,
  toWrapUpInput,
  wrapUpReducer,
  wrapUpShortcut,
  type Resolution,
  type Sentiment,
  type WrapUpContext,
  type WrapUpFormState,
} from './wrap-up-state';
import './wrap-up.css';

export interface WrapUpFormProps {
  mode: 'new' | 'edit';
  call: CallSession;
  card: CustomerCard | null;
  context: WrapUpContext;
  initial: WrapUpFormState;
  /** The order the call was most likely about (marked in the order list). */
  likelyOrderId: string | null;
  /** After-call work already recorded (a correction), instead of the running timer. */
  recordedAcwSeconds: number | null;
  /** A note above the form (e.g. a correction whose saved record could not be found). */
  notice?: string;
  /** Every change of the form (a new wrap-up's draft is kept from it). */
  onChange?(state: WrapUpFormState): void;
  onSaved(result: WrapUpSaved): void;
}

const PANEL_BREAKPOINTS = {
  xs: '560px',
  sm: '720px',
  md: '900px',
  lg: '1100px',
  xl: '1300px',
};

type SavePhase = { kind: 'idle' } | { kind: 'saving' } | { kind: 'failed'; error: IpcError };

const SENTIMENT_COLORS: Record<Sentiment, string> = {
  positive: 'teal',
  neutral: 'gray',
  negative: 'red',
};

/** The after-call form: every answer reachable from the keyboard, saved with Ctrl/⌘+Enter. */
export function WrapUpForm({
  mode,
  call,
  card,
  context,
  initial,
  likelyOrderId,
  recordedAcwSeconds,
  notice,
  onChange,
  onSaved,
}: WrapUpFormProps) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const format = useFormatters();
  const [state, dispatch] = useReducer(wrapUpReducer, initial);
  const [phase, setPhase] = useState<SavePhase>({ kind: 'idle' });
  const reasonInput = useRef<HTMLInputElement>(null);
  const wordsInput = useRef<HTMLTextAreaElement>(null);
  const orderInput = useRef<HTMLSelectElement>(null);
  const sentimentGroup = useRef<HTMLDivElement>(null);
  const resolutionGroup = useRef<HTMLDivElement>(null);
  const callbackInput = useRef<HTMLInputElement>(null);
  const { taxonomy } = context;
  const reportChange = useEffectEvent((next: WrapUpFormState) => onChange?.(next));
  useEffect(() => reportChange(state), [state]);

  // A correction may keep the callback the first save promised, even once its time has passed.
  const keptCallback = mode === 'edit' && state.callbackAt === initial.callbackAt;
  // The callback's window is checked against the time of the last attempt to save.
  const [checkedAt, setCheckedAt] = useState<number | null>(null);
  const errors = useMemo(
    () =>
      validateWrapUp(
        formOf(state, taxonomy),
        taxonomy,
        keptCallback || checkedAt === null ? {} : { now: checkedAt },
      ),
    [state, taxonomy, keptCallback, checkedAt],
  );
  const shown = errorsByField(state.showErrors ? errors : []);
  const describe = (field: keyof typeof shown) =>
    (shown[field] ?? []).map((e) => {
      const { key, values } = wrapUpErrorMessage(e, locale);
      return t(`wrapUp.errors.${key}`, values);
    });
  const avoidable = effectiveAvoidable(state, taxonomy);
  const redaction = useMemo(() => redactPaymentData(state.customerWords), [state.customerWords]);
  const redactionItems = useRedactionItems(redaction);
  // What the save stores, so the counter and the "too long" error always say the same number.
  const storedLength = storedWordsLength(state.customerWords);

  const focusField = (
    field: 'reasons' | 'words' | 'order' | 'sentiment' | 'resolution' | 'callbackAt',
  ) => {
    const target = {
      reasons: reasonInput.current,
      callbackAt: callbackInput.current,
      words: wordsInput.current,
      order: orderInput.current,
      sentiment: sentimentGroup.current?.querySelector<HTMLElement>('[role="radio"]'),
      resolution: resolutionGroup.current?.querySelector<HTMLElement>('[role="radio"]'),
    }[field];
    target?.focus();
  };

  const save = async () => {
    if (phase.kind === 'saving') return;
    const attemptAt = Date.now();
    setCheckedAt(attemptAt);
    const built = toWrapUpInput(state, context, keptCallback ? undefined : attemptAt);
    if (!built.ok) {
      dispatch({ type: 'attemptSave' });
      const field = firstInvalidField(built.errors);
      if (field === 'reasonCodes') focusField('reasons');
      else if (field === 'customerWords') focusField('words');
      else if (field) focusField(field);
      return;
    }
    setPhase({ kind: 'saving' });
    const result = await callKoe('wrapUp:save', built.input);
    if (result.ok) {
      setPhase({ kind: 'idle' });
      onSaved(result.value);
    } else {
      setPhase({ kind: 'failed', error: result.error });
    }
  };

  // Choosing callback asks for its time next: the focus goes there, so the agent types it at once.
  const callbackWanted = useRef(false);
  const chooseResolution = (value: Resolution) => {
    callbackWanted.current = value === 'callback' && state.resolution !== 'callback';
    dispatch({ type: 'setResolution', value });
  };
  useEffect(() => {
    if (!callbackWanted.current || state.resolution !== 'callback') return;
    callbackWanted.current = false;
    callbackInput.current?.focus();
  }, [state.resolution]);

  // The form's keys work wherever the focus is (the window), so a click on empty space never
  // strands the keyboard.
  const onWindowKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    const shortcut = wrapUpShortcut(event);
    if (!shortcut) return;
    event.preventDefault();
    switch (shortcut.kind) {
      case 'save':
        void save();
        return;
      case 'sentiment':
        dispatch({ type: 'setSentiment', value: shortcut.value });
        return;
      case 'resolution':
        chooseResolution(shortcut.value);
        return;
      case 'toggleAvoidable':
        dispatch({ type: 'setAvoidable', value: !avoidable });
        return;
      case 'focus':
        focusField(shortcut.field);
        return;
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onWindowKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  useEffect(() => {
    reasonInput.current?.focus();
  }, []);

  const sentimentChoices: Choice<Sentiment>[] = SENTIMENTS.map((value) => ({
    value,
    label: t(`wrapUp.sentiment.${value}`),
    digit: SENTIMENT_KEYS[value],
    color: SENTIMENT_COLORS[value],
  }));
  const resolutionChoices: Choice<Resolution>[] = RESOLUTIONS.map((value) => ({
    value,
    label: t(`wrapUp.resolution.${value}`),
    digit: RESOLUTION_KEYS[value],
  }));

  const orders = card?.orders ?? [];
  const orderLabel = (order: Order) => {
    const first = order.lines[0]?.productName ?? '';
    const item =
      order.lines.length > 1
        ? t('wrapUp.order.moreItems', { item: first, count: order.lines.length - 1 })
        : first;
    const text = t('wrapUp.order.option', {
      number: order.orderNumber,
      date: format.date(order.placedAt),
      item,
    });
    return order.id === likelyOrderId ? `${text}${t('wrapUp.order.likely')}` : text;
  };
  const orderOptions = [
    {
      value: '',
      label: card && orders.length === 0 ? t('wrapUp.order.noOrders') : t('wrapUp.order.none'),
    },
    ...orders.map((o) => ({ value: o.id, label: orderLabel(o) })),
    // A correction may link an order no longer on the card (beyond its most recent ten).
    ...(state.orderId && !orders.some((o) => o.id === state.orderId)
      ? [{ value: state.orderId, label: state.orderId }]
      : []),
  ];

  const customerName = card ? displayName(card.customer) : t('wrapUp.unknownCaller');
  const number = callerNumber(call) ?? t('wrapUp.withheld');
  const saving = phase.kind === 'saving';
  const failed = phase.kind === 'failed' ? phase.error : null;

  const saveButton = (
    <Button
      onClick={() => void save()}
      loading={saving}
      leftSection={<IconDeviceFloppy size={18} aria-hidden />}
      rightSection={
        <Group gap={2} wrap="nowrap">
          <Kbd size="xs">{modifierKeyLabel()}</Kbd>
          <Kbd size="xs">Enter</Kbd>
        </Group>
      }
      aria-keyshortcuts="Control+Enter Meta+Enter"
      data-testid="wrap-up-save"
    >
      {saving ? t('wrapUp.saving') : mode === 'edit' ? t('wrapUp.saveEdit') : t('wrapUp.save')}
    </Button>
  );
  const saveError = failed && (
    <OutcomeAlert
      outcome="failure"
      iconSize={18}
      title={failed.code === 'conflict' ? t('wrapUp.conflictTitle') : t('wrapUp.saveFailed')}
      data-testid="wrap-up-save-error"
      data-code={failed.code}
    >
      <Stack gap={4} align="flex-start">
        {failed.code === 'conflict' && <Text size="sm">{t('wrapUp.conflict')}</Text>}
        <Text size="sm" c={failed.code === 'conflict' ? 'dimmed' : undefined}>
          {failed.message || t('app.unexpectedError')}
        </Text>
        {failed.code !== 'conflict' && (
          <Button size="xs" variant="white" color="red" onClick={() => void save()}>
            {t('wrapUp.retry')}
          </Button>
        )}
      </Stack>
    </OutcomeAlert>
  );

  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-label={mode === 'edit' ? t('wrapUp.titleEdit') : t('wrapUp.title')}
      data-testid="wrap-up-panel"
      data-mode={mode}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Title order={2} fz="lg">
              {mode === 'edit' ? t('wrapUp.titleEdit') : t('wrapUp.title')}
            </Title>
            <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} truncate data-testid="wrap-up-customer">
                {customerName}
              </Text>
              <Text c="dimmed" size="sm" className="koe-tabular" style={{ flex: 'none' }}>
                {number}
              </Text>
              {context.harassment && (
                <Badge
                  color="red"
                  variant="light"
                  style={{ flex: 'none' }}
                  leftSection={<IconAlertTriangle size={12} />}
                >
                  {t('wrapUp.harassment')}
                </Badge>
              )}
            </Group>
          </Stack>
          <Group gap="md" wrap="nowrap" style={{ flex: 'none' }}>
            {recordedAcwSeconds !== null ? (
              <AcwTimer recordedSeconds={recordedAcwSeconds} />
            ) : (
              <AcwTimer since={call.endedAt ?? call.wrapUpStartedAt ?? new Date().toISOString()} />
            )}
          </Group>
        </Group>

        {state.showErrors && errors.length > 0 && (
          <Text size="sm" c="red" role="alert" data-testid="wrap-up-invalid">
            {t('wrapUp.invalid')}
          </Text>
        )}
        {saveError}

        {notice && (
          <Alert color="blue" variant="light" p="xs">
            <Text size="sm">{notice}</Text>
          </Alert>
        )}

        {/* Side by side from 560px of the panel's own width (half a 1366 screen), else stacked. */}
        <Grid gap="md" type="container" breakpoints={PANEL_BREAKPOINTS}>
          <Grid.Col span={{ base: 12, xs: 5 }}>
            <ReasonPicker
              taxonomy={taxonomy}
              chosen={state.reasonCodes}
              predictedReason={context.predictedReason}
              errors={describe('reasonCodes')}
              listHeight={notice ? 200 : 236}
              inputRef={reasonInput}
              onToggle={(code) => dispatch({ type: 'toggleReason', code })}
              onPick={(code) => dispatch({ type: 'pickPrimary', code })}
              onRemove={(code) => dispatch({ type: 'removeReason', code })}
              onMakePrimary={(code) => dispatch({ type: 'makePrimary', code })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 7 }}>
            <Stack gap="sm">
              <div ref={sentimentGroup}>
                <ChoiceGroup
                  label={t('wrapUp.sentiment.label')}
                  choices={sentimentChoices}
                  value={state.sentiment}
                  error={describe('sentiment')[0] ?? null}
                  onChange={(value) => dispatch({ type: 'setSentiment', value })}
                  testId="sentiment"
                />
              </div>
              <div ref={resolutionGroup}>
                <ChoiceGroup
                  label={t('wrapUp.resolution.label')}
                  choices={resolutionChoices}
                  value={state.resolution}
                  error={describe('resolution')[0] ?? null}
                  onChange={chooseResolution}
                  testId="resolution"
                />
              </div>
              {state.resolution === 'callback' && (
                <CallbackField
                  value={state.callbackAt}
                  error={describe('callbackAt')[0]}
                  inputRef={callbackInput}
                  shortcut={<ShortcutKeys digit={RESOLUTION_KEYS.callback} />}
                  onChange={(at) => dispatch({ type: 'setCallback', at })}
                />
              )}
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Switch
                  checked={avoidable}
                  onChange={(event) =>
                    dispatch({ type: 'setAvoidable', value: event.currentTarget.checked })
                  }
                  label={
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={600}>
                        {t('wrapUp.avoidable.label')}
                      </Text>
                      <Badge size="xs" variant="outline" color="gray">
                        {state.avoidableChoice === null
                          ? t('wrapUp.avoidable.fromTaxonomy')
                          : t('wrapUp.avoidable.fromAgent')}
                      </Badge>
                    </Group>
                  }
                  description={t('wrapUp.avoidable.description')}
                  aria-keyshortcuts={`Alt+${FIELD_KEYS.avoidable}`}
                  data-testid="avoidable"
                />
                <ShortcutKeys digit={FIELD_KEYS.avoidable} />
              </Group>
              <NativeSelect
                ref={orderInput}
                label={<FieldLabel text={t('wrapUp.order.label')} digit={FIELD_KEYS.order} />}
                data={orderOptions}
                value={state.orderId ?? ''}
                onChange={(event) =>
                  dispatch({ type: 'setOrder', orderId: event.currentTarget.value || null })
                }
                disabled={orderOptions.length <= 1}
                aria-keyshortcuts={`Alt+${FIELD_KEYS.order}`}
                data-testid="linked-order"
                styles={{ label: { width: '100%' } }}
              />
              <Stack gap={4}>
                <Textarea
                  ref={wordsInput}
                  label={<FieldLabel text={t('wrapUp.words.label')} digit={FIELD_KEYS.words} />}
                  placeholder={t('wrapUp.words.placeholder')}
                  value={state.customerWords}
                  onChange={(event) =>
                    dispatch({ type: 'setWords', value: event.currentTarget.value })
                  }
                  autosize
                  minRows={3}
                  maxRows={5}
                  error={describe('customerWords')[0]}
                  aria-keyshortcuts={`Alt+${FIELD_KEYS.words}`}
                  data-testid="customer-words"
                  styles={{ label: { width: '100%' } }}
                />
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  {redactionItems ? (
                    <Alert
                      color="yellow"
                      variant="light"
                      p={6}
                      icon={<IconShieldLock size={16} />}
                      role="status"
                      data-testid="redaction-notice"
                      style={{ flex: 1 }}
                    >
                      <Text size="xs">
                        {t('wrapUp.redaction.notice', { items: redactionItems })}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {t('wrapUp.words.preview')}: {redaction.text}
                      </Text>
                    </Alert>
                  ) : (
                    <span />
                  )}
                  <Text
                    size="xs"
                    c={storedLength > MAX_CUSTOMER_WORDS ? 'red' : 'dimmed'}
                    className="koe-tabular"
                    data-testid="customer-words-count"
                  >
                    {t('wrapUp.words.count', { length: storedLength, max: MAX_CUSTOMER_WORDS })}
                  </Text>
                </Group>
              </Stack>
            </Stack>
          </Grid.Col>
        </Grid>
        {/* Last, after the answers: Tab walks the form in the order of the work and ends here. */}
        <Group justify="flex-end">{saveButton}</Group>
      </Stack>
    </Paper>
  );
}

function ShortcutKeys({ digit }: { digit: string }) {
  return (
    <Group gap={2} wrap="nowrap" aria-hidden>
      <Kbd size="xs">{altKeyLabel()}</Kbd>
      <Kbd size="xs">{digit}</Kbd>
    </Group>
  );
}

function FieldLabel({ text, digit }: { text: string; digit: string }) {
  return (
    <Group justify="space-between" wrap="nowrap" component="span">
      <span>{text}</span>
      <ShortcutKeys digit={digit} />
    </Group>
  );
}
