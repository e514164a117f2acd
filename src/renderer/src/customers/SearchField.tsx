import { CloseButton, Group, Kbd, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import type { KeyboardEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { modifierKeyLabel } from '../app/shortcut-labels';

export interface SearchFieldProps {
  value: string;
  onChange(value: string): void;
  onKeyDown(event: KeyboardEvent<HTMLInputElement>): void;
  /** The id of the highlighted result row (combobox pattern: the focus stays here). */
  activeDescendant: string | undefined;
  /** The results listbox. */
  controlsId: string;
  inputRef: RefObject<HTMLInputElement | null>;
  onFocusShortcut(): void;
}

export function SearchField({
  value,
  onChange,
  onKeyDown,
  activeDescendant,
  controlsId,
  inputRef,
  onFocusShortcut,
}: SearchFieldProps) {
  const { t } = useTranslation();
  // `/` is ignored while typing in a field (it may be part of an address); Ctrl+K works anywhere.
  useHotkeys([['/', onFocusShortcut]]);
  useHotkeys([['mod+K', onFocusShortcut]], []);

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && !event.nativeEvent.isComposing) {
      if (value) onChange('');
      else event.currentTarget.blur();
      return;
    }
    onKeyDown(event);
  };

  const shortcutHints = (
    <Group gap={4} wrap="nowrap" aria-label={t('search.shortcutHint')}>
      <Kbd size="xs">/</Kbd>
      <Kbd size="xs">{modifierKeyLabel()}</Kbd>
      <Kbd size="xs">K</Kbd>
    </Group>
  );

  return (
    <TextInput
      ref={inputRef}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onKeyDown={handleKeyDown}
      aria-label={t('search.label')}
      placeholder={t('search.placeholder')}
      size="md"
      radius="xl"
      autoFocus
      autoComplete="off"
      spellCheck={false}
      role="combobox"
      aria-autocomplete="list"
      aria-expanded={activeDescendant !== undefined}
      aria-controls={controlsId}
      aria-activedescendant={activeDescendant}
      leftSection={<IconSearch size={18} aria-hidden />}
      rightSection={
        value ? (
          <CloseButton aria-label={t('search.clear')} onClick={() => onChange('')} />
        ) : (
          shortcutHints
        )
      }
      rightSectionWidth={value ? 40 : 104}
      rightSectionPointerEvents={value ? 'auto' : 'none'}
      style={{ flex: 1, maxWidth: 620 }}
      classNames={{ input: 'koe-search-input' }}
      data-testid="customer-search"
    />
  );
}
