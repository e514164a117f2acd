/** The admin's registered desks and their revocation (Admin → Desks). */
export const devicesJa = {
  tab: 'デスク',
  title: '登録済みのデスク',
  description:
    '販売店にサインインしたパソコンです。登録を解除すると、そのデスクは次に接続したとき（オンラインなら数秒以内）に未送信の対応記録を送ってからお客さま情報を消去し、以後お客さま情報を開けなくなります。',
  none: '登録済みのデスクはまだありません。',
  desk: 'デスクID',
  center: 'センター',
  lastUser: '最後に使った人',
  version: 'バージョン',
  lastContact: '最後の接続',
  state: '状態',
  active: '利用中',
  revokedAt: '{{date}} に解除',
  revokedBecause: {
    device_revoked: '管理者またはスーパーバイザーが解除',
    center_disabled: 'センターの契約終了',
    user_disabled: 'ユーザーの停止',
  },
  revoke: '登録を解除',
  revokeLabel: 'デスク {{desk}} の登録を解除',
  confirmTitle: 'このデスクの登録を解除しますか？',
  confirmBody:
    'デスク {{desk}}（最後に使った人: {{user}}）。次に接続したとき、このデスクは未送信の対応記録を送ってから、保存しているお客さま情報をすべて消去します。以後このデスクではお客さま情報を開けません。この操作はここでは取り消せません。',
  confirm: '登録を解除する',
  cancel: 'キャンセル',
  revokedNotice: 'デスク {{desk}} の登録を解除しました。次の接続でお客さま情報が消去されます。',
  unknownVersion: '—',
};

export const devicesEn: typeof devicesJa = {
  tab: 'Desks',
  title: 'Registered desks',
  description:
    'The computers that have signed in to the retailer. A revoked desk, at its next contact (within seconds when online), sends its unsent wrap-ups, then erases its customer data, and can never open customer data again.',
  none: 'No desk is registered yet.',
  desk: 'Desk ID',
  center: 'Center',
  lastUser: 'Last used by',
  version: 'Version',
  lastContact: 'Last contact',
  state: 'State',
  active: 'In use',
  revokedAt: 'Revoked {{date}}',
  revokedBecause: {
    device_revoked: 'By an admin or supervisor',
    center_disabled: "The center's contract ended",
    user_disabled: 'Its user was disabled',
  },
  revoke: 'Revoke',
  revokeLabel: 'Revoke desk {{desk}}',
  confirmTitle: 'Revoke this desk?',
  confirmBody:
    'Desk {{desk}} (last used by {{user}}). At its next contact it sends its unsent wrap-ups, then erases all the customer data it keeps, and customer data can never be opened on it again. This cannot be undone here.',
  confirm: 'Revoke the desk',
  cancel: 'Cancel',
  revokedNotice: 'Desk {{desk}} is revoked. Its customer data is erased at its next contact.',
  unknownVersion: '—',
};
