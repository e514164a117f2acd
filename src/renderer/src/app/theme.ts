import { createTheme, localStorageColorSchemeManager } from '@mantine/core';

/**
 * Japanese first: agents read kanji and kana all day, so the stack starts with Japanese faces
 * (Noto Sans JP, then what macOS, Windows and Linux ship) before the system UI font.
 */
const fontFamily = [
  '"Noto Sans JP"',
  '"Noto Sans CJK JP"',
  '"Hiragino Sans"',
  '"Hiragino Kaku Gothic ProN"',
  '"Yu Gothic UI"',
  'Meiryo',
  'system-ui',
  'sans-serif',
].join(', ');

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 6, dark: 4 },
  fontFamily,
  fontFamilyMonospace: 'ui-monospace, "Cascadia Mono", "Noto Sans Mono CJK JP", monospace',
  headings: { fontFamily, fontWeight: '600' },
  defaultRadius: 'md',
  cursorType: 'pointer',
});

/** The agent's light/dark choice survives restarts (localStorage of the renderer's origin). */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'koe-color-scheme' });
