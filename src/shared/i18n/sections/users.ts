/** The admin view's users tab: disabling and enabling a user (a supervisor: their center's agents). */
export const usersJa = {
  tab: 'ユーザー',
  title: 'ユーザー',
  description:
    'ユーザーを停止すると、そのユーザーはサインインできなくなり、使用中のセッションもすぐに終わります。そのユーザーが最後にサインインしたデスクは、次に接続したとき（オンラインなら数秒以内）に未送信の対応記録を送ってからお客さま情報を消去します。再開すると再びサインインできますが、消去したデスクは元に戻りません。',
  supervisorScope: 'あなたのセンターのエージェントだけを表示しています。',
  empty: '表示できるユーザーはいません。',
  reload: '最新の状態にする',
  column: {
    name: '名前',
    role: '役割',
    center: 'センター',
    status: '状態',
    lastSignIn: '最後のサインイン',
  },
  allCenters: 'すべてのセンター',
  active: '利用中',
  disabledAt: '{{date}} に停止',
  neverSignedIn: '記録なし',
  you: '（あなた）',
  disable: '停止',
  disableLabel: '{{name}} さんを停止',
  enable: '再開',
  enableLabel: '{{name}} さんを再開',
  confirmTitle: 'このユーザーを停止しますか？',
  confirmBody:
    '{{name}} さんはサインインできなくなり、使用中のセッションもすぐに終わります。{{name}} さんが最後にサインインしたデスクは、次に接続したときに未送信の対応記録を送ってから、保存しているお客さま情報をすべて消去します。消去したデスクは、再開しても元に戻りません。',
  confirm: '停止する',
  cancel: 'キャンセル',
  disabledNotice_zero:
    '{{name}} さんを停止しました。このユーザーが最後にサインインしたデスクはありません。',
  disabledNotice_one:
    '{{name}} さんを停止しました。デスク {{count}} 台の登録を解除し、次の接続でお客さま情報が消去されます。',
  disabledNotice_other:
    '{{name}} さんを停止しました。デスク {{count}} 台の登録を解除し、次の接続でお客さま情報が消去されます。',
  enabledNotice: '{{name}} さんを再開しました。再びサインインできます。',
};

export const usersEn: typeof usersJa = {
  tab: 'Users',
  title: 'Users',
  description:
    'A disabled user can no longer sign in, and their open sessions end at once. The desks they last signed in at, at their next contact (within seconds when online), send their unsent wrap-ups, then erase their customer data. Enabling the user lets them sign in again; an erased desk stays erased.',
  supervisorScope: 'Only the agents of your center are shown.',
  empty: 'No user to show.',
  reload: 'Refresh',
  column: {
    name: 'Name',
    role: 'Role',
    center: 'Center',
    status: 'Status',
    lastSignIn: 'Last sign-in',
  },
  allCenters: 'All centers',
  active: 'Active',
  disabledAt: 'Disabled {{date}}',
  neverSignedIn: 'Not recorded',
  you: '(you)',
  disable: 'Disable',
  disableLabel: 'Disable {{name}}',
  enable: 'Enable',
  enableLabel: 'Enable {{name}}',
  confirmTitle: 'Disable this user?',
  confirmBody:
    '{{name}} can no longer sign in, and their open sessions end at once. The desks {{name}} last signed in at send their unsent wrap-ups at their next contact, then erase all the customer data they keep. Enabling the user again does not bring an erased desk back.',
  confirm: 'Disable the user',
  cancel: 'Cancel',
  disabledNotice_zero: '{{name}} is disabled. No desk had them as its last user.',
  disabledNotice_one:
    '{{name}} is disabled. {{count}} desk is revoked and erases its customer data at its next contact.',
  disabledNotice_other:
    '{{name}} is disabled. {{count}} desks are revoked and erase their customer data at their next contact.',
  enabledNotice: '{{name}} is enabled and can sign in again.',
};
