/** UI strings of the agent's state (header) and the desk lock (lock screen, desk PIN). */
export const agentStateJa = {
  label: 'エージェント状態',
  status: {
    ready: '受付可',
    ringing: '着信中',
    on_call: '通話中',
    after_call_work: '後処理',
    not_ready: '受付停止',
  },
  reason: {
    break: '休憩',
    lunch: '昼食',
    training: '研修',
    meeting: '会議',
    coaching: 'コーチング',
    other: 'その他',
  },
  chooseReady: '受付可にする',
  chooseNotReady: '受付停止（理由）',
  afterCall: '通話後: {{state}}',
  menuLabel: '状態を変更',
};

export const agentStateEn: typeof agentStateJa = {
  label: 'Agent state',
  status: {
    ready: 'Ready',
    ringing: 'Ringing',
    on_call: 'On call',
    after_call_work: 'After-call work',
    not_ready: 'Not ready',
  },
  reason: {
    break: 'Break',
    lunch: 'Lunch',
    training: 'Training',
    meeting: 'Meeting',
    coaching: 'Coaching',
    other: 'Other',
  },
  chooseReady: 'Set ready',
  chooseNotReady: 'Not ready (reason)',
  afterCall: 'After this call: {{state}}',
  menuLabel: 'Change state',
};

export const deskLockJa = {
  title: 'デスクはロックされています',
  description: 'お客さま情報は表示されません。デスクPINを入力して再開してください。',
  cause: {
    idle: '{{minutes}}分間操作がなかったためロックしました。',
    system: 'パソコンのロックまたはスリープに合わせてロックしました。',
    agent: 'ロックしました。',
    policy:
      '短時間に多くのお客さまの情報へアクセスしたため、販売店のポリシーでロックしました。スーパーバイザーが解除するまでお客さまの情報は表示されません。',
    offline:
      '販売店に{{hours}}時間を超えて接続できていないため（最後の接続: {{time}}）、販売店の規定によりお客さま情報をロックしました。販売店に接続できると自動で解除されます。',
  },
  /** Why the retailer revoked this desk, as its answer said (DeskRevocationReason). */
  revokedCause: {
    device_revoked:
      '販売店がこのデスクの登録を解除しました。このパソコンでは今後お客さま情報を開けません。スーパーバイザーに連絡してください。',
    center_disabled:
      'このセンターと販売店との契約が終了したため、販売店がこのセンターのデスクの登録を解除しました。このパソコンでは今後お客さま情報を開けません。スーパーバイザーに連絡してください。',
    user_disabled:
      'このデスクで最後にサインインしたアカウントを販売店が停止したため、このデスクの登録も解除されました。このパソコンでは今後お客さま情報を開けません。スーパーバイザーに連絡してください。',
  },
  offlineKept: '入力済みの対応記録はこのパソコンに保存されており、接続後に送信されます。',
  offlineWrapUps_one: '後処理待ちの通話 {{count}} 件（お客さま情報なしで記録できます）',
  offlineWrapUps_other: '後処理待ちの通話 {{count}} 件（お客さま情報なしで記録できます）',
  offlineWrapUpOpen: '対応記録を入力',
  offlineWrapUpSaved: '対応記録を保存しました。販売店に接続すると送信されます。',
  revokedTitle: 'このデスクは登録を解除されました',
  revokedErasing: 'このパソコンのお客さま情報を消去しています…',
  revokedErased: 'このパソコンに保存されていたお客さま情報は {{time}} に消去しました。',
  revokedUnsent_one:
    '販売店に届いていなかった対応記録 {{count}} 件は、このデスクからは送信できないため、一緒に消去しました。',
  revokedUnsent_other:
    '販売店に届いていなかった対応記録 {{count}} 件は、このデスクからは送信できないため、一緒に消去しました。',
  pin: 'デスクPIN',
  unlock: 'ロック解除',
  wrongPin: 'PINが違います。',
  retryAt: '{{time}} まで入力できません。',
  ringing: '着信中です。ロックを解除すると通話画面が開きます。',
  onCall: '通話中です。ロックを解除すると通話画面に戻ります。',
  lockNow: 'デスクをロック',
  setPinTitle: 'デスクPIN',
  setPinDescription:
    '離席中にお客さま情報を隠すため、{{minutes}}分間操作がないとデスクをロックします。解除に使う6〜12桁のPINを設定してください（このパソコンにだけ、復元できない形で保存されます）。',
  pinNotSet: 'デスクPINが未設定のため、自動ロックは働きません。',
  setPinAction: 'PINを設定',
  newPin: '新しいPIN（6〜12桁）',
  currentPin: '現在のPIN',
  savePin: 'PINを保存',
  pinSaved: 'デスクPINを保存しました。',
  pinRefused: 'PINを保存できませんでした: {{message}}',
};

export const deskLockEn: typeof deskLockJa = {
  title: 'The desk is locked',
  description: 'Customer data is hidden. Enter your desk PIN to go on.',
  cause: {
    idle: 'Locked after {{minutes}} minutes without input.',
    system: 'Locked with the computer (screen lock or sleep).',
    agent: 'Locked.',
    policy:
      "Locked by the retailer's policy: many customers were accessed in a short time. Customer data stays hidden until a supervisor unlocks the desk.",
    offline:
      "Koe has not reached the retailer for more than {{hours}} hours (last contact: {{time}}), so the retailer's rules lock customer data. It unlocks by itself once Koe reaches the retailer again.",
  },
  revokedCause: {
    device_revoked:
      'The retailer has removed this desk. Customer data can no longer be opened on this computer. Please contact your supervisor.',
    center_disabled:
      "This center's contract with the retailer has ended, so the retailer removed the center's desks. Customer data can no longer be opened on this computer. Please contact your supervisor.",
    user_disabled:
      'The retailer disabled the account last signed in on this desk, so it removed this desk too. Customer data can no longer be opened on this computer. Please contact your supervisor.',
  },
  offlineKept: 'Wrap-ups you saved are kept on this computer and are sent once Koe is back online.',
  offlineWrapUps_one: '{{count}} call waiting for its wrap-up (recorded without customer data)',
  offlineWrapUps_other:
    '{{count}} calls waiting for their wrap-up (recorded without customer data)',
  offlineWrapUpOpen: 'Wrap up',
  offlineWrapUpSaved: 'Wrap-up saved. It is sent once Koe reaches the retailer.',
  revokedTitle: 'This desk has been removed',
  revokedErasing: 'Erasing the customer data on this computer…',
  revokedErased: 'The customer data kept on this computer was erased at {{time}}.',
  revokedUnsent_one:
    '{{count}} wrap-up the retailer had not received could not be sent from this desk any more and was erased with it.',
  revokedUnsent_other:
    '{{count}} wrap-ups the retailer had not received could not be sent from this desk any more and were erased with it.',
  pin: 'Desk PIN',
  unlock: 'Unlock',
  wrongPin: 'That PIN is not right.',
  retryAt: 'No more attempts until {{time}}.',
  ringing: 'A call is ringing. Unlock to open it.',
  onCall: 'A call is on the line. Unlock to return to it.',
  lockNow: 'Lock the desk',
  setPinTitle: 'Desk PIN',
  setPinDescription:
    'To hide customer data while you are away, the desk locks after {{minutes}} minutes without input. Set the 6 to 12 digit PIN that unlocks it (kept on this computer only, in a form that cannot be read back).',
  pinNotSet: 'No desk PIN is set, so the desk does not lock by itself.',
  setPinAction: 'Set a PIN',
  newPin: 'New PIN (6 to 12 digits)',
  currentPin: 'Current PIN',
  savePin: 'Save PIN',
  pinSaved: 'Desk PIN saved.',
  pinRefused: 'The PIN was not saved: {{message}}',
};
