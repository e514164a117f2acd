import { Box, Paper, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  completeVariable,
  openPlaceholderAt,
  suggestVariables,
  type OpenPlaceholder,
} from './variable-autocomplete';

interface MarkdownFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: boolean;
  testId?: string;
}

/**
 * Step text: a plain textarea (the text is never rendered as HTML) that suggests the data
 * model's variables after `{{` — arrows to move, Enter or Tab to insert, Escape to close.
 */
export function MarkdownField({ label, value, onChange, error, testId }: MarkdownFieldProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [open, setOpen] = useState<OpenPlaceholder | null>(null);
  const [active, setActive] = useState(0);
  const suggestions = open ? suggestVariables(open.typed) : [];
  const listId = `${testId ?? 'md'}-variables`;

  const refresh = (text: string, caret: number) => {
    const next = openPlaceholderAt(text, caret);
    setOpen(next);
    setActive(0);
  };

  const insert = (name: string) => {
    const area = ref.current;
    if (!area || !open) return;
    const done = completeVariable(value, area.selectionStart, open, name);
    onChange(done.text);
    setOpen(null);
    requestAnimationFrame(() => {
      area.focus();
      area.setSelectionRange(done.caret, done.caret);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open || suggestions.length === 0 || event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      insert(suggestions[active] ?? suggestions[0]!);
    } else if (event.key === 'Escape') {
      setOpen(null);
    }
  };

  return (
    <Box pos="relative">
      <Textarea
        ref={ref}
        label={label}
        value={value}
        autosize
        minRows={2}
        maxRows={10}
        error={error}
        data-testid={testId}
        role="combobox"
        aria-expanded={suggestions.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
        onChange={(event) => {
          onChange(event.currentTarget.value);
          refresh(event.currentTarget.value, event.currentTarget.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(null), 150)}
      />
      {suggestions.length > 0 && (
        <Paper
          withBorder
          shadow="md"
          p={4}
          pos="absolute"
          style={{ zIndex: 20, right: 0, top: '100%' }}
          miw={240}
        >
          <Text size="xs" c="dimmed" px={6}>
            {t('studio.editor.variables')}
          </Text>
          <Stack gap={0} id={listId} role="listbox" data-testid="variable-suggestions">
            {suggestions.map((name, i) => (
              <UnstyledButton
                key={name}
                role="option"
                aria-selected={i === active}
                px={6}
                py={2}
                bg={i === active ? 'var(--mantine-primary-color-light)' : undefined}
                style={{ borderRadius: 4, fontFamily: 'var(--mantine-font-family-monospace)' }}
                fz="sm"
                onMouseDown={(event) => {
                  event.preventDefault();
                  insert(name);
                }}
              >
                {name}
              </UnstyledButton>
            ))}
          </Stack>
        </Paper>
      )}
    </Box>
  );
}
