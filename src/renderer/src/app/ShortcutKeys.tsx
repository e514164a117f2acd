import { Group, Kbd, type MantineSize } from '@mantine/core';
import { hotkeyCaps, isMacPlatform } from './shortcuts';

const MAC = isMacPlatform(navigator.userAgent);

/** The key caps of a hotkey (`mod+shift+E` → Ctrl Shift E), as printed beside its action. */
export function ShortcutKeys({ hotkey, size = 'xs' }: { hotkey: string; size?: MantineSize }) {
  return (
    <Group gap={2} wrap="nowrap" component="span" aria-hidden style={{ display: 'inline-flex' }}>
      {hotkeyCaps(hotkey, MAC).map((cap, index) => (
        <Kbd key={index} size={size}>
          {cap}
        </Kbd>
      ))}
    </Group>
  );
}

/** The hotkey as words for `aria-keyshortcuts` (WAI-ARIA: `Control+Shift+E`). */
export function ariaKeys(hotkey: string): string {
  return hotkey
    .split('+')
    .map((part) => {
      const lower = part.toLowerCase();
      if (lower === 'mod') return MAC ? 'Meta' : 'Control';
      if (lower === 'shift') return 'Shift';
      if (lower === 'alt') return 'Alt';
      return part.length === 1 ? part.toUpperCase() : part;
    })
    .join('+');
}
