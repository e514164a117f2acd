import { Badge, Box, CloseButton, Group, Kbd, Stack, Text, TextInput } from '@mantine/core';
import { IconBulb, IconCheck, IconFilter, IconStar, IconStarFilled } from '@tabler/icons-react';
import { useEffect, useId, useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReasonNode } from '../../../shared/domain';
import { MAX_REASONS } from '../../../shared/guidance';
import { IconButton } from '../app/IconButton';
import { currentLanguage } from '../i18n/i18n';
import {
  filterReasons,
  keepHighlight,
  leafForNumberKey,
  moveHighlight,
  NUMBER_KEY_LEAVES,
  reasonPath,
} from './reason-picker';
import { altKeyLabel } from './shortcut-keys';
import { FIELD_KEYS } from './wrap-up-state';

interface ReasonPickerProps {
  taxonomy: readonly ReasonNode[];
  chosen: readonly string[];
  predictedReason: string | null;
  /** The reason errors to show under the list (already in words). */
  errors: string[];
  /** How tall the list may grow; it scrolls beyond. */
  listHeight: number;
  inputRef: Ref<HTMLInputElement>;
  onToggle(code: string): void;
  /** A number key: the reason becomes the primary one (added, or moved to the front). */
  onPick(code: string): void;
  onRemove(code: string): void;
  onMakePrimary(code: string): void;
}

/**
 * The taxonomy as a filterable list (the focus stays in the filter field while ↑/↓ move the
 * highlight, announced with aria-activedescendant), with the number keys 1–9 on the first nine visible reasons, and the
 * chosen reasons beneath in order (the first is primary).
 */
export function ReasonPicker({
  taxonomy,
  chosen,
  predictedReason,
  errors,
  listHeight,
  inputRef,
  onToggle,
  onPick,
  onRemove,
  onMakePrimary,
}: ReasonPickerProps) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const listId = useId();
  const errorId = useId();
  const [query, setQuery] = useState('');
  const rows = useMemo(() => filterReasons(taxonomy, query), [taxonomy, query]);
  const [highlight, setHighlight] = useState<string | null>(
    () => chosen[0] ?? keepHighlight(rows, null),
  );
  const [limitHit, setLimitHit] = useState(false);
  const active = keepHighlight(rows, highlight);
  const optionId = (code: string) => `${listId}-${code.replace(/\./g, '-')}`;

  // Keep the highlighted reason in view as the keyboard moves it.
  useEffect(() => {
    if (active === null) return;
    const element = document.getElementById(optionId(active));
    element?.scrollIntoView({ block: 'nearest' });
    // optionId only depends on listId, which never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active]);

  // The limit note stays only while the list is still full.
  const showLimit = limitHit && chosen.length >= MAX_REASONS;

  const full = (code: string) => !chosen.includes(code) && chosen.length >= MAX_REASONS;

  /** Toggles or picks `code` unless the list is full (then the limit note shows). */
  const choose = (code: string, action: (code: string) => void) => {
    if (full(code)) {
      setLimitHit(true);
      return;
    }
    action(code);
    setHighlight(code);
    if (query) setQuery('');
  };
  const toggle = (code: string) => choose(code, onToggle);
  const pick = (code: string) => choose(code, onPick);

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        setHighlight(moveHighlight(rows, active, event.key === 'ArrowDown' ? 1 : -1));
        return;
      case 'PageDown':
      case 'PageUp':
        event.preventDefault();
        setHighlight(moveHighlight(rows, active, event.key === 'PageDown' ? 'last' : 'first'));
        return;
      case 'Enter':
        event.preventDefault();
        if (active !== null) toggle(active);
        return;
      case 'Escape':
        if (query) {
          event.preventDefault();
          event.stopPropagation();
          setQuery('');
        }
        return;
    }
    if (/^[1-9]$/.test(event.key)) {
      // Reason codes and labels hold no digits worth typing: the digits pick.
      event.preventDefault();
      const leaf = leafForNumberKey(rows, Number(event.key));
      if (leaf) pick(leaf.code);
    }
  };

  const label = (code: string) => reasonPath(code, taxonomy, locale).label;
  const predictedLabel = predictedReason === null ? null : label(predictedReason);

  return (
    <Stack gap="xs" data-testid="reason-picker">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text component="label" htmlFor={`${listId}-filter`} fw={600} size="sm">
          {t('wrapUp.reasons.label')}
          <Text span c="red" aria-hidden>
            {' *'}
          </Text>
        </Text>
        <Group gap={4} wrap="nowrap">
          <Kbd size="xs">{altKeyLabel()}</Kbd>
          <Kbd size="xs">{FIELD_KEYS.reasons}</Kbd>
        </Group>
      </Group>
      <TextInput
        id={`${listId}-filter`}
        ref={inputRef}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        onKeyDown={handleKeyDown}
        placeholder={t('wrapUp.reasons.filterPlaceholder')}
        aria-label={t('wrapUp.reasons.filterLabel')}
        leftSection={<IconFilter size={16} aria-hidden />}
        rightSection={
          query ? (
            <CloseButton
              size="sm"
              aria-label={t('wrapUp.reasons.clearFilter')}
              onClick={() => setQuery('')}
            />
          ) : null
        }
        // A textbox that drives the list (aria-activedescendant), not a second combobox beside
        // the header's customer search.
        aria-controls={listId}
        aria-activedescendant={active === null ? undefined : optionId(active)}
        aria-describedby={errors.length > 0 ? errorId : undefined}
        aria-invalid={errors.length > 0}
        autoComplete="off"
        spellCheck={false}
        data-testid="reason-filter"
      />
      <Group gap="md" wrap="wrap" aria-hidden>
        <KeyHint keys={['↑', '↓']} label={t('wrapUp.reasons.keysMove')} />
        <KeyHint keys={['Enter']} label={t('wrapUp.reasons.keysToggle')} />
        <KeyHint keys={['1', '–', '9']} label={t('wrapUp.reasons.keysPick')} />
      </Group>
      {/* A plain scroller (not ScrollArea, whose content grows to its widest row): rows keep
          to the list's width and truncate. */}
      {/* Focusable, so the list scrolls from the keyboard too (PageDown, arrows), not only by
          moving the highlight from the filter. */}
      <Box mah={listHeight} className="koe-reason-list" tabIndex={0}>
        <Box
          id={listId}
          role="listbox"
          aria-multiselectable
          aria-label={t('wrapUp.reasons.listLabel')}
          p={4}
        >
          {rows.length === 0 && (
            <Text size="sm" c="dimmed" p="sm">
              {t('wrapUp.reasons.noMatch', { query })}
            </Text>
          )}
          {rows.map((row) =>
            row.kind === 'group' ? (
              <div
                key={row.node.code}
                className="koe-reason-group"
                role="presentation"
                style={{ paddingLeft: `calc(var(--mantine-spacing-sm) + ${row.depth * 12}px)` }}
              >
                {locale === 'ja' ? row.node.labelJa : row.node.labelEn}
              </div>
            ) : (
              <div
                key={row.node.code}
                id={optionId(row.node.code)}
                role="option"
                aria-selected={chosen.includes(row.node.code)}
                data-active={row.node.code === active || undefined}
                data-code={row.node.code}
                className="koe-reason-option"
                style={{ paddingLeft: `calc(var(--mantine-spacing-sm) + ${row.depth * 12}px)` }}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => toggle(row.node.code)}
              >
                <span className="koe-reason-number">
                  {row.index < NUMBER_KEY_LEAVES ? <Kbd size="xs">{row.index + 1}</Kbd> : null}
                </span>
                <span className="koe-reason-check">
                  {chosen.includes(row.node.code) ? <IconCheck size={16} aria-hidden /> : null}
                </span>
                {/* The whole label, wrapped onto a second line if it must: never cut off. */}
                <Text
                  span
                  size="sm"
                  fw="inherit"
                  lh={1.35}
                  className="koe-reason-label"
                  title={`${locale === 'ja' ? row.node.labelJa : row.node.labelEn} (${row.node.code})`}
                >
                  {locale === 'ja' ? row.node.labelJa : row.node.labelEn}
                </Text>
                {row.node.code === predictedReason && <ReasonMark mark="predicted" />}
                {chosen[0] === row.node.code && <ReasonMark mark="primary" />}
                <Text span size="xs" c="dimmed" ff="monospace" className="koe-reason-code">
                  {row.node.code}
                </Text>
              </div>
            ),
          )}
        </Box>
      </Box>

      <Stack gap={4} aria-live="polite">
        <Text size="xs" c="dimmed">
          {t('wrapUp.reasons.selected', { max: MAX_REASONS })}
        </Text>
        {chosen.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('wrapUp.reasons.none')}
          </Text>
        ) : (
          <Group gap={6} data-testid="chosen-reasons">
            {chosen.map((code, i) => (
              <ChosenReason
                key={code}
                code={code}
                label={label(code)}
                primary={i === 0}
                onRemove={() => onRemove(code)}
                onMakePrimary={() => onMakePrimary(code)}
              />
            ))}
          </Group>
        )}
        {predictedLabel !== null && chosen.length > 0 && (
          <Text size="xs" c="dimmed" data-testid="prediction-note">
            {chosen[0] === predictedReason
              ? t('wrapUp.reasons.predictedKept')
              : t('wrapUp.reasons.predictedChanged', { label: predictedLabel })}
          </Text>
        )}
        {showLimit && (
          <Text size="xs" c="orange" role="status">
            {t('wrapUp.reasons.limit', { max: MAX_REASONS })}
          </Text>
        )}
        {errors.length > 0 && (
          <Text id={errorId} size="xs" c="red" role="alert">
            {errors.join(' ')}
          </Text>
        )}
      </Stack>
    </Stack>
  );
}

function ChosenReason({
  code,
  label,
  primary,
  onRemove,
  onMakePrimary,
}: {
  code: string;
  label: string;
  primary: boolean;
  onRemove(): void;
  onMakePrimary(): void;
}) {
  const { t } = useTranslation();
  const makePrimaryLabel = t('wrapUp.reasons.makePrimary', { label });
  return (
    <Badge
      size="lg"
      radius="sm"
      variant={primary ? 'filled' : 'default'}
      tt="none"
      fw={primary ? 700 : 500}
      data-code={code}
      data-primary={primary || undefined}
      leftSection={
        primary ? (
          <IconStarFilled size={12} aria-label={t('wrapUp.reasons.primary')} />
        ) : (
          <IconButton
            label={makePrimaryLabel}
            size="xs"
            variant="subtle"
            color="gray"
            onClick={onMakePrimary}
          >
            <IconStar size={12} />
          </IconButton>
        )
      }
      rightSection={
        <CloseButton
          size="xs"
          variant="transparent"
          c="inherit"
          aria-label={t('wrapUp.reasons.remove', { label })}
          onClick={onRemove}
        />
      }
    >
      {label}
    </Badge>
  );
}

function KeyHint({ keys, label }: { keys: string[]; label: string }) {
  return (
    <Group gap={3} wrap="nowrap">
      {keys.map((key) =>
        key === '–' ? (
          <Text key={key} span size="xs" c="dimmed">
            –
          </Text>
        ) : (
          <Kbd key={key} size="xs">
            {key}
          </Kbd>
        ),
      )}
      <Text span size="xs" c="dimmed" ml={2}>
        {label}
      </Text>
    </Group>
  );
}

/** How each mark on a reason looks: the predicted one's bulb, the primary one's star. */
const MARKS = {
  predicted: { Icon: IconBulb, size: 16, color: 'var(--mantine-color-grape-filled)' },
  primary: { Icon: IconStarFilled, size: 14, color: 'var(--mantine-primary-color-filled)' },
} as const;

/** A mark beside a reason's label, named for a screen reader and on hover. */
function ReasonMark({ mark }: { mark: keyof typeof MARKS }) {
  const { t } = useTranslation();
  const { Icon, size, color } = MARKS[mark];
  const label = t(`wrapUp.reasons.${mark}`);
  return (
    <Icon size={size} className="koe-reason-mark" color={color} aria-label={label} title={label} />
  );
}
