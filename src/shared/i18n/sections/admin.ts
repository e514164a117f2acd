/** UI strings of the retailer admin view: webhooks and the fraud / VIP thresholds. */
export const adminJa = {
  open: '管理',
  openHint: '管理（Webhook・リスクのしきい値）',
  title: '管理',
  description: '販売店の管理者だけが使える設定です。変更はすぐにすべてのセンターへ届きます。',
  tabs: {
    webhooks: 'Webhook',
    thresholds: 'リスクのしきい値',
  },
  webhooks: {
    title: 'Webhook',
    description:
      '通話の記録（VoC）が届くたびに、署名付きの JSON をこの URL へ送ります。社内ネットワークやループバックのアドレスには送れません。',
    empty: 'Webhook はまだありません。',
    url: '送信先 URL',
    urlPlaceholder: 'https://hooks.example.co.jp/koe',
    events: '送るイベント',
    event: {
      'voc.created': '新しい記録',
      'voc.updated': '記録の訂正',
    },
    add: '追加',
    adding: '追加しています…',
    enabled: '有効',
    disabledNote: '無効のあいだのイベントは送られず、あとからも送られません。',
    rotate: 'シークレットを再発行',
    rotateConfirm:
      '新しい署名シークレットを発行します。古いシークレットはすぐに使えなくなります。受信側の設定も更新してください。',
    rotateGo: '再発行する',
    cancel: 'キャンセル',
    delete: '削除',
    deleteConfirm: 'この Webhook を削除します。未送信の配信は取り消されます。',
    deleteGo: '削除する',
    secretTitle: '署名シークレット（この画面でのみ表示）',
    secretBody:
      'このシークレットは二度と表示されません。いまコピーして、受信側で Koe-Signature の検証に使ってください。',
    copy: 'コピー',
    copied: 'コピーしました',
    secretDone: '保存しました',
    created: '{{date}} に追加',
    deliveries: '最近の配信',
    deliveriesShow: '配信を表示',
    deliveriesHide: '配信を閉じる',
    noDeliveries: 'まだ配信はありません。',
    column: {
      time: '時刻',
      event: 'イベント',
      status: '状態',
      attempts: '試行',
      result: '結果',
    },
    status: {
      pending: '送信待ち',
      delivered: '配信済み',
      dead: '失敗（打ち切り）',
      cancelled: '取り消し',
    },
    noAnswer: '応答なし',
    refusal: {
      webhook_url_not_https:
        'https:// で始まる URL を指定してください（データは暗号化して送ります）。',
      webhook_url_forbidden_address:
        'この URL は社内ネットワーク・ループバック・リンクローカルなど、公開されていないアドレスを指しています。インターネットから届く受信先を指定してください。',
      webhook_url_unresolvable: 'このホスト名のアドレスが見つかりません。URL を確認してください。',
      too_many_webhooks: 'Webhook の数が上限に達しています。使わないものを削除してください。',
      invalid_url: 'URL の形式が正しくありません。',
    },
    urlMustBeHttps: 'https:// で始まる URL を入力してください。',
    pickEvent: 'イベントを 1 つ以上選んでください。',
  },
  thresholds: {
    title: 'リスクのしきい値',
    description:
      '申告の不正リスクと VIP 特典の判定に使う値です。保存すると同期で全センターのエージェントの画面に反映されます。',
    claimRiskThreshold: {
      label: '申告の本人確認が必要になるリスクスコア',
      help: '申告（未着・破損など）のリスクスコアがこの値以上のとき、再送や返金の前に本人確認と調査を求めます。0〜1。低くするほど確認が増えます（初期値 0.7：未着申告 2 件で到達）。',
    },
    highValueClaimJpy: {
      label: '高額申告とみなす金額（円）',
      help: 'この金額以上の申告はリスクスコアを上げる要因になります（初期値 30,000 円）。',
    },
    returnAbuseThreshold: {
      label: 'VIP の即時交換を保留する返品スコア',
      help: '返品の多さを表すスコアがこの値以上の VIP には、交換品の発送を返品の到着まで待ってもらいます。0〜1（初期値 0.6）。',
    },
    vipTier: {
      label: '即時交換の対象ランク',
      help: 'このランクのお客さまは、返品の到着を待たずに交換品を発送できます。',
    },
    save: '保存',
    saving: '保存しています…',
    saved: '保存しました。エージェントの画面には次の同期で反映されます。',
    reset: '元に戻す',
    unitRange: '0 から 1 の数値を入力してください。',
    yenRange: '0 以上の整数（円）を入力してください。',
    unchanged: '変更はありません。',
  },
  refused: '管理者だけが使える画面です。',
  failed: '保存できませんでした: {{message}}',
};

export const adminEn: typeof adminJa = {
  open: 'Admin',
  openHint: 'Admin (webhooks, risk thresholds)',
  title: 'Admin',
  description:
    "Settings only the retailer's admins can change. Changes reach every center right away.",
  tabs: {
    webhooks: 'Webhooks',
    thresholds: 'Risk thresholds',
  },
  webhooks: {
    title: 'Webhooks',
    description:
      'Each time a call record (VoC) arrives, a signed JSON body is POSTed to this URL. Addresses inside a private network or on loopback are refused.',
    empty: 'No webhooks yet.',
    url: 'Receiver URL',
    urlPlaceholder: 'https://hooks.example.com/koe',
    events: 'Events to send',
    event: {
      'voc.created': 'New record',
      'voc.updated': 'Corrected record',
    },
    add: 'Add',
    adding: 'Adding…',
    enabled: 'On',
    disabledNote: 'While off, events are not sent, and not sent later either.',
    rotate: 'Rotate secret',
    rotateConfirm:
      'A new signing secret is issued and the old one stops working at once. Update your receiver too.',
    rotateGo: 'Rotate',
    cancel: 'Cancel',
    delete: 'Delete',
    deleteConfirm: 'This webhook is deleted; its pending deliveries are cancelled.',
    deleteGo: 'Delete',
    secretTitle: 'Signing secret (shown only here)',
    secretBody:
      'This secret is never shown again. Copy it now; your receiver checks Koe-Signature with it.',
    copy: 'Copy',
    copied: 'Copied',
    secretDone: 'I saved it',
    created: 'Added {{date}}',
    deliveries: 'Recent deliveries',
    deliveriesShow: 'Show deliveries',
    deliveriesHide: 'Hide deliveries',
    noDeliveries: 'No deliveries yet.',
    column: {
      time: 'Time',
      event: 'Event',
      status: 'Status',
      attempts: 'Attempts',
      result: 'Result',
    },
    status: {
      pending: 'Pending',
      delivered: 'Delivered',
      dead: 'Failed (gave up)',
      cancelled: 'Cancelled',
    },
    noAnswer: 'No answer',
    refusal: {
      webhook_url_not_https: 'Use an https:// URL (the data is sent encrypted).',
      webhook_url_forbidden_address:
        'This URL points at an address that is not public (a private network, loopback, link-local …). Give a receiver reachable from the internet.',
      webhook_url_unresolvable: 'This host name has no address. Check the URL.',
      too_many_webhooks: 'The webhook limit is reached. Delete one you no longer use.',
      invalid_url: 'This is not a valid URL.',
    },
    urlMustBeHttps: 'Enter a URL starting with https://.',
    pickEvent: 'Pick at least one event.',
  },
  thresholds: {
    title: 'Risk thresholds',
    description:
      "The values behind the claim-fraud and VIP checks. Saved values reach every center's agents through sync.",
    claimRiskThreshold: {
      label: 'Claim risk score that requires verification',
      help: 'A claim (not received, damaged …) with a risk score at or above this needs identity verification and investigation before a reship or refund. 0–1; lower means more checks (default 0.7: two not-received claims reach it).',
    },
    highValueClaimJpy: {
      label: 'High-value claim amount (JPY)',
      help: 'A claim of at least this amount raises the risk score (default ¥30,000).',
    },
    returnAbuseThreshold: {
      label: "Return score that holds a VIP's instant exchange",
      help: 'A VIP whose return score is at or above this waits for the return to arrive before the exchange ships. 0–1 (default 0.6).',
    },
    vipTier: {
      label: 'Tier with instant exchange',
      help: 'Customers of this tier get the exchange shipped without waiting for the return.',
    },
    save: 'Save',
    saving: 'Saving…',
    saved: "Saved. Agents' screens pick it up at the next sync.",
    reset: 'Undo changes',
    unitRange: 'Enter a number from 0 to 1.',
    yenRange: 'Enter a whole number of yen, 0 or more.',
    unchanged: 'Nothing changed.',
  },
  refused: 'Only retailer admins can open this view.',
  failed: 'Could not save: {{message}}',
};
