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
    cacheMemoryOnlyTitle: '顧客データはこのパソコンに保存されません',
    cacheMemoryOnlyMessage:
      'このパソコンには、鍵を安全に保管する仕組み（キーリング）がありません。そのため Koe は顧客データを暗号化して今回の起動の間だけ使い、終了すると読めなくなります。次に起動したときは販売店から改めて受け取ります。保存したアフターコールワークはいつもどおり販売店へ送られますが、送る前に Koe を終了すると失われます。常に保存したい場合は、管理者に gnome-keyring または KWallet の設定を依頼してください。',
    cacheMemoryOnlyOk: 'わかりました',
    cacheUnopenedTitle: 'このパソコンの顧客データを開けません',
    cacheUnopenedMessage:
      'この端末の鍵（販売店から受け取った端末の許可、または OS のキーチェーンの項目）が見つかりません。やり直すと、このパソコンの顧客データを削除し、サインイン後に販売店から改めて受け取ります。このパソコンからまだ送られていないアフターコールワークは失われます。',
    cacheStartOver: 'やり直す',
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
    cacheMemoryOnlyTitle: 'Customer data is not kept on this computer',
    cacheMemoryOnlyMessage:
      'This computer has no keychain to keep a key safely. Koe encrypts the customer data and uses it only while it runs; once Koe quits it cannot be read, and the next start downloads it again from the retailer. Wrap-ups you save are sent to the retailer as usual, but any not yet sent when Koe quits are lost. To keep the data between starts, ask your administrator to set up gnome-keyring or KWallet.',
    cacheMemoryOnlyOk: 'OK',
    cacheUnopenedTitle: 'The customer data on this computer cannot be opened',
    cacheUnopenedMessage:
      "This desk's key (the retailer's grant for this desk, or its entry in the OS keychain) is missing. Starting over deletes the customer data on this computer and downloads it again from the retailer after you sign in. Wrap-ups not yet sent from this computer are lost.",
    cacheStartOver: 'Start over',
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
