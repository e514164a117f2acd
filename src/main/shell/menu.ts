import type { MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../shared/domain';
import { shellMessages } from '../../shared/i18n/shell-messages';

/** Follows the OS, or forces one look (Electron's nativeTheme.themeSource). */
export type Appearance = 'system' | 'light' | 'dark';

export interface MenuActions {
  setLocale(locale: Language): void;
  setAppearance(appearance: Appearance): void;
}

export interface MenuContext {
  dev: boolean;
  /** macOS has an app menu and a Window menu; Windows and Linux do not. */
  isMac: boolean;
  appearance: Appearance;
}

/**
 * The menu bar, in the agent's language. Editing commands use Electron roles (their shortcuts
 * and behaviour are the OS's); reload and DevTools exist only in development, because a reload
 * mid-call would lose the screen the agent is working in.
 */
export function buildMenuTemplate(
  locale: Language,
  actions: MenuActions,
  context: MenuContext = { dev: false, isMac: false, appearance: 'system' },
): MenuItemConstructorOptions[] {
  const t = shellMessages[locale];
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions = {
    label: t.appMenu,
    submenu: [
      { role: 'about', label: t.about },
      separator,
      ...(context.isMac
        ? ([
            { role: 'hide', label: t.hide },
            { role: 'hideOthers', label: t.hideOthers },
            { role: 'unhide', label: t.showAll },
            separator,
          ] satisfies MenuItemConstructorOptions[])
        : []),
      { role: 'quit', label: t.quit },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      { role: 'undo', label: t.undo },
      { role: 'redo', label: t.redo },
      separator,
      { role: 'cut', label: t.cut },
      { role: 'copy', label: t.copy },
      { role: 'paste', label: t.paste },
      { role: 'selectAll', label: t.selectAll },
    ],
  };

  const languages: { locale: Language; label: string }[] = [
    { locale: 'ja', label: t.languageJa },
    { locale: 'en', label: t.languageEn },
  ];
  const appearances: { appearance: Appearance; label: string }[] = [
    { appearance: 'system', label: t.appearanceSystem },
    { appearance: 'light', label: t.appearanceLight },
    { appearance: 'dark', label: t.appearanceDark },
  ];

  const viewMenu: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      {
        label: t.language,
        submenu: languages.map((item) => ({
          label: item.label,
          type: 'radio',
          checked: item.locale === locale,
          click: () => actions.setLocale(item.locale),
        })),
      },
      {
        label: t.appearance,
        submenu: appearances.map((item) => ({
          label: item.label,
          type: 'radio',
          checked: item.appearance === context.appearance,
          click: () => actions.setAppearance(item.appearance),
        })),
      },
      separator,
      { role: 'resetZoom', label: t.resetZoom },
      { role: 'zoomIn', label: t.zoomIn },
      { role: 'zoomOut', label: t.zoomOut },
      separator,
      { role: 'togglefullscreen', label: t.toggleFullScreen },
      ...(context.dev
        ? ([
            separator,
            { role: 'reload', label: t.reload },
            { role: 'forceReload', label: t.forceReload },
            { role: 'toggleDevTools', label: t.toggleDevTools },
          ] satisfies MenuItemConstructorOptions[])
        : []),
    ],
  };

  // role 'window' makes this macOS's Window menu (the OS lists the open windows in it).
  const windowMenu: MenuItemConstructorOptions = {
    label: t.window,
    role: 'window',
    submenu: [
      { role: 'minimize', label: t.minimize },
      { role: 'close', label: t.closeWindow },
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    label: t.help,
    role: 'help',
    submenu: [{ role: 'about', label: t.about }],
  };

  return [appMenu, editMenu, viewMenu, ...(context.isMac ? [windowMenu] : []), helpMenu];
}
