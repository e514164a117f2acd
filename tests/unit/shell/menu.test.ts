import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuContext } from '../../../src/main/shell/menu';
import { shellMessages } from '../../../src/shared/i18n/shell-messages';

const actions = () => ({ setLocale: vi.fn(), setAppearance: vi.fn() });

/** The menu's shape without its words: roles, types, nesting, checked state. */
function structure(items: MenuItemConstructorOptions[]): unknown[] {
  return items.map((item) => ({
    role: item.role,
    type: item.type,
    submenu: Array.isArray(item.submenu) ? structure(item.submenu) : undefined,
  }));
}

function allItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? allItems(item.submenu) : []),
  ]);
}

const contexts: MenuContext[] = [
  { dev: false, isMac: false, appearance: 'system' },
  { dev: true, isMac: false, appearance: 'dark' },
  { dev: false, isMac: true, appearance: 'light' },
  { dev: true, isMac: true, appearance: 'system' },
];

describe('shellMessages', () => {
  it('has the same keys in Japanese and English, none empty', () => {
    expect(Object.keys(shellMessages.en).sort()).toEqual(Object.keys(shellMessages.ja).sort());
    for (const [locale, messages] of Object.entries(shellMessages)) {
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${locale}.${key}`).not.toBe('');
      }
    }
  });
});

describe('buildMenuTemplate', () => {
  it('has the same structure in both languages', () => {
    for (const context of contexts) {
      expect(structure(buildMenuTemplate('ja', actions(), context))).toEqual(
        structure(buildMenuTemplate('en', actions(), context)),
      );
    }
  });

  it('labels every item (but separators) in the chosen language', () => {
    for (const locale of ['ja', 'en'] as const) {
      for (const context of contexts) {
        for (const item of allItems(buildMenuTemplate(locale, actions(), context))) {
          if (item.type === 'separator') continue;
          expect(typeof item.label === 'string' && item.label.trim().length > 0).toBe(true);
        }
      }
    }
    const labels = allItems(buildMenuTemplate('ja', actions())).map((item) => item.label);
    expect(labels).toContain(shellMessages.ja.edit);
    expect(labels).not.toContain(shellMessages.en.edit);
  });

  it('edits through OS roles', () => {
    const roles = allItems(buildMenuTemplate('en', actions())).map((item) => item.role);
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit', 'about']) {
      expect(roles).toContain(role);
    }
    for (const role of ['resetZoom', 'zoomIn', 'zoomOut']) expect(roles).toContain(role);
  });

  it('offers reload and DevTools in development only', () => {
    const devOnly = ['reload', 'forceReload', 'toggleDevTools'];
    const production = allItems(buildMenuTemplate('ja', actions(), contexts[0]!));
    const dev = allItems(buildMenuTemplate('ja', actions(), contexts[1]!));
    for (const role of devOnly) {
      expect(production.map((item) => item.role)).not.toContain(role);
      expect(dev.map((item) => item.role)).toContain(role);
    }
  });

  it('switches language and appearance through the actions, with the current one checked', () => {
    const spy = actions();
    const items = allItems(
      buildMenuTemplate('ja', spy, { dev: false, isMac: false, appearance: 'dark' }),
    );
    const english = items.find((item) => item.label === shellMessages.ja.languageEn);
    const japanese = items.find((item) => item.label === shellMessages.ja.languageJa);
    const dark = items.find((item) => item.label === shellMessages.ja.appearanceDark);
    const light = items.find((item) => item.label === shellMessages.ja.appearanceLight);
    expect(japanese?.checked).toBe(true);
    expect(english?.checked).toBe(false);
    expect(dark?.checked).toBe(true);
    expect(light?.checked).toBe(false);
    (english?.click as () => void)();
    (light?.click as () => void)();
    expect(spy.setLocale).toHaveBeenCalledWith('en');
    expect(spy.setAppearance).toHaveBeenCalledWith('light');
  });

  it('adds the macOS-only items on macOS only', () => {
    const roles = (isMac: boolean) =>
      allItems(buildMenuTemplate('en', actions(), { dev: false, isMac, appearance: 'system' })).map(
        (item) => item.role,
      );
    expect(roles(true)).toEqual(expect.arrayContaining(['hide', 'hideOthers', 'unhide', 'window']));
    expect(roles(false)).not.toContain('hide');
    expect(roles(false)).not.toContain('window');
  });
});
