/** UI strings of the update notice: when Koe restarts for an update, said before it happens. */
export const updatesJa = {
  title: 'Koe の更新 {{version}}',
  atQuit:
    '更新の準備ができました。次に Koe を終了したときに適用されます。通話中に再起動することはありません。',
  afterCall:
    '販売店がこの更新を必須にしています。この通話と後処理が終わると Koe は自動で再起動します。',
  restarting: 'Koe を再起動して更新しています。まもなく元に戻ります。',
  dismiss: '閉じる',
};

export const updatesEn: typeof updatesJa = {
  title: 'Koe update {{version}}',
  atQuit:
    'The update is ready. It installs the next time you quit Koe; Koe never restarts during a call.',
  afterCall:
    'The retailer requires this update. Koe restarts by itself once this call and its wrap-up are done.',
  restarting: 'Koe is restarting to update. It will be back in a moment.',
  dismiss: 'Dismiss',
};
