import type { Language } from '../domain/primitives';

/**
 * Strings the Electron shell shows itself (the menu bar, native dialogs). They live apart from
 * the renderer's catalogs because main builds the menu before any page exists. Both languages
 * have the same keys (a unit test checks it); language names are written in their own language.
 */
export const shellMessages = {
  ja: {
    appMenu: 'Koe',
    about: 'Koe について',
    hide: 'Koe を隠す',
    hideOthers: 'ほかを隠す',
    showAll: 'すべてを表示',
    quit: 'Koe を終了',
    edit: '編集',
    undo: '取り消す',
    redo: 'やり直す',
    cut: '切り取り',
    copy: 'コピー',
    paste: '貼り付け',
    selectAll: 'すべてを選択',
    view: '表示',
    language: '言語',
    languageJa: '日本語',
    languageEn: 'English',
    appearance: '外観',
    appearanceSystem: 'システムに合わせる',
    appearanceLight: 'ライト',
    appearanceDark: 'ダーク',
    reload: '再読み込み',
    forceReload: '強制再読み込み',
    toggleDevTools: '開発者ツール',
    resetZoom: '実際のサイズ',
    zoomIn: '拡大',
    zoomOut: '縮小',
    toggleFullScreen: 'フルスクリーン',
    window: 'ウインドウ',
    minimize: 'しまう',
    closeWindow: '閉じる',
    help: 'ヘルプ',
    quitDuringCallTitle: '通話中です',
    quitDuringCallMessage:
      '通話またはアフターコールワークの途中です。終了すると保存していない内容は失われます。',
    quitAnyway: '終了する',
    keepWorking: '作業を続ける',
    // Desktop notifications for supervisors ({agent}: the agent's name).
    floorAlertHarassment: 'カスハラ対応中: {agent}',
    floorAlertHelp: '助けが必要です: {agent}',
    floorAlertBulkAccess: '大量アクセスのポリシーに該当: {agent}',
    floorAlertEscalated: '未対応のアラート（エスカレーション）: {agent}',
    floorAlertBody: 'Koe のフロア画面で「対応する」を押してください。',
  },
  en: {
    appMenu: 'Koe',
    about: 'About Koe',
    hide: 'Hide Koe',
    hideOthers: 'Hide Others',
    showAll: 'Show All',
    quit: 'Quit Koe',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    language: 'Language',
    languageJa: '日本語',
    languageEn: 'English',
    appearance: 'Appearance',
    appearanceSystem: 'Match System',
    appearanceLight: 'Light',
    appearanceDark: 'Dark',
    reload: 'Reload',
    forceReload: 'Force Reload',
    toggleDevTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    toggleFullScreen: 'Full Screen',
    window: 'Window',
    minimize: 'Minimize',
    closeWindow: 'Close',
    help: 'Help',
    quitDuringCallTitle: 'A call is in progress',
    quitDuringCallMessage:
      'You are on a call or wrapping one up. Quitting now loses anything you have not saved.',
    quitAnyway: 'Quit',
    keepWorking: 'Keep working',
    floorAlertHarassment: 'Harassment on a call: {agent}',
    floorAlertHelp: 'Needs help: {agent}',
    floorAlertBulkAccess: 'Bulk-access policy tripped: {agent}',
    floorAlertEscalated: 'Alert nobody took (escalated): {agent}',
    floorAlertBody: 'Open the floor in Koe and choose “Taking it”.',
  },
} as const satisfies Record<Language, Record<string, string>>;

export type ShellMessageKey = keyof (typeof shellMessages)['ja'];

/** A supervisor's desktop notification for a floor alert, in the desk's language. */
export function floorNotificationText(
  locale: Language,
  alert: { kind: 'harassment' | 'help' | 'bulk_access'; agentName: string; escalated: boolean },
): { title: string; body: string } {
  const m = shellMessages[locale];
  const title = alert.escalated
    ? m.floorAlertEscalated
    : alert.kind === 'harassment'
      ? m.floorAlertHarassment
      : alert.kind === 'bulk_access'
        ? m.floorAlertBulkAccess
        : m.floorAlertHelp;
  return { title: title.replace('{agent}', alert.agentName), body: m.floorAlertBody };
}
