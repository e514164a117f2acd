import {
  createTheme,
  darken,
  DEFAULT_THEME,
  localStorageColorSchemeManager,
  luminance,
  NavLink,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from '@mantine/core';

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

/** WCAG AA for text: 4.5:1 against its background. */
const AA_TEXT = 4.5;

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The color, darkened in small steps until text in it reads on the background. */
function readableOn(color: string, background: string): string {
  let step = 0;
  let value = color;
  while (contrast(value, background) < AA_TEXT && step < 20) value = darken(color, ++step * 0.05);
  return value;
}

/** The light gray of panels, table stripes and hovered rows (gray 1); white is lighter still. */
const PANEL_GRAY = DEFAULT_THEME.colors.gray[1];

/**
 * Mantine's palettes with shades 8 and 9 darkened where they are too light for text: in the light
 * scheme shade 8 is the filled background under white text and the color of `c="red"` text and
 * outlines (primaryShade 8), on white or a light gray panel; shade 9 the text of light badges and
 * active items on shade 1 (shade 2 when hovered). Teal, green, yellow, orange … are too bright at
 * those shades as Mantine ships them; the lighter shades stay as they are (the dark scheme uses
 * them).
 */
function readablePalette(palette: MantineColorsTuple): MantineColorsTuple {
  const shades = [...palette];
  shades[8] = readableOn(palette[8], PANEL_GRAY);
  shades[9] = readableOn(readableOn(palette[9], palette[2]), PANEL_GRAY);
  return shades as unknown as MantineColorsTuple;
}

const readableColors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors).map(([name, palette]) => [name, readablePalette(palette)]),
);

/**
 * Secondary ("dimmed") text dark enough for AA on white and on the light gray of panels; the
 * dark scheme keeps Mantine's.
 */
export const cssVariablesResolver: CSSVariablesResolver = (current) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': readableOn(current.colors.gray[6], current.colors.gray[1]),
  },
  dark: {},
});

export const theme = createTheme({
  primaryColor: 'indigo',
  // Filled buttons and badges carry white text: shade 8 is the first that reads (see above).
  primaryShade: { light: 8, dark: 4 },
  colors: readableColors,
  fontFamily,
  fontFamilyMonospace: 'ui-monospace, "Cascadia Mono", "Noto Sans Mono CJK JP", monospace',
  headings: { fontFamily, fontWeight: '600' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    // Mantine fades an active item's description to 90 %, below AA on its tinted background.
    NavLink: NavLink.extend({ styles: { description: { opacity: 1 } } }),
  },
});

/** The agent's light/dark choice survives restarts (localStorage of the renderer's origin). */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'koe-color-scheme' });
