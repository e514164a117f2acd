/** UI strings of the admin view's locked accounts tab (sign-in lockout). */
export const lockedAccountsJa = {
  tab: 'ロック中のアカウント',
  title: 'ロック中のアカウント',
  description:
    'パスワードの誤りが続いたアカウントは、しばらくサインインできなくなります。ロックは表示の時刻に自動で解除されます。ご本人と確認できたら、ここで早めに解除できます。',
  empty: 'ロック中のアカウントはありません。',
  reload: '最新の状態にする',
  column: {
    name: '名前',
    email: 'メールアドレス',
    role: '役割',
    center: 'センター',
    until: '自動で解除される時刻',
  },
  role: {
    agent: 'エージェント',
    trainer: 'トレーナー',
    supervisor: 'スーパーバイザー',
    retailer_admin: '販売店の管理者',
  },
  allCenters: 'すべてのセンター',
  unlock: 'ロックを解除',
  unlocked: '{{name}} さんのロックを解除しました。',
  alreadyUnlocked: '{{name}} さんのロックはすでに解除されていました。',
};

export const lockedAccountsEn: typeof lockedAccountsJa = {
  tab: 'Locked accounts',
  title: 'Locked accounts',
  description:
    'An account is locked for a while after too many wrong passwords. The lock ends by itself at the time shown. Once you have checked with the person, you can unlock it sooner here.',
  empty: 'No account is locked.',
  reload: 'Refresh',
  column: {
    name: 'Name',
    email: 'E-mail',
    role: 'Role',
    center: 'Center',
    until: 'Unlocks by itself at',
  },
  role: {
    agent: 'Agent',
    trainer: 'Trainer',
    supervisor: 'Supervisor',
    retailer_admin: 'Retailer admin',
  },
  allCenters: 'All centers',
  unlock: 'Unlock',
  unlocked: '{{name}} is unlocked.',
  alreadyUnlocked: "{{name}}'s lock had already ended.",
};
