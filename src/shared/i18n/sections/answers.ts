/** UI strings of the approved-answer studio; spread into ja.ts / en.ts under `answers`. */
export const answersJa = {
  tabScripts: '通話スクリプト',
  tabAnswers: '承認済み回答',
  subtitle:
    'エージェントが通話中に検索して読み上げる回答を編集し、チェックとプレビューのうえ配信します。',
  listTitle: '回答',
  empty: '回答はまだありません。',
  newAnswer: '新しい回答',
  newAnswerId: '回答ID（英小文字・数字・-・_）',
  choose: '左の一覧から回答を選ぶか、新しく作成してください。',
  title: 'タイトル（{{language}}）',
  body: '本文（{{language}}）— 書いたとおりに表示されます（{{count}}/{{limit}}文字）',
  tags: 'タグ（{{language}}）— 読点・カンマ区切り',
  tabEdit: '編集',
  previewIntro: 'エージェントが回答検索で見るとおりに表示します。',
  previewEmpty: 'この言語の本文はまだありません。',
  lint: {
    missing_translation_title: 'タイトルの{{language}}訳がありません',
    missing_translation_body: '本文の{{language}}訳がありません',
    body_too_long: '{{language}}の本文が長すぎます（{{length}}文字、上限{{limit}}文字）',
    stray_placeholder:
      '{{language}}の{{part}}に「{{text}}」があります。回答は差し込みをしないので、波かっこがそのまま読まれます',
    duplicate_title: '{{language}}のタイトル「{{title}}」は配信中の「{{other}}」と同じです',
    partTitle: 'タイトル',
    partBody: '本文',
  },
  history: {
    tagsChanged: 'タグが変わりました',
    bodyChanged: '本文（{{language}}）',
  },
};

export const answersEn: typeof answersJa = {
  tabScripts: 'Call scripts',
  tabAnswers: 'Approved answers',
  subtitle:
    'Edit the answers agents search and read out during a call, check and preview them, then publish.',
  listTitle: 'Answers',
  empty: 'No answers yet.',
  newAnswer: 'New answer',
  newAnswerId: 'Answer id (lowercase letters, digits, - and _)',
  choose: 'Pick an answer on the left, or create a new one.',
  title: 'Title ({{language}})',
  body: 'Body ({{language}}) — shown exactly as written ({{count}}/{{limit}} characters)',
  tags: 'Tags ({{language}}) — separated by commas',
  tabEdit: 'Edit',
  previewIntro: 'Shown as agents see it in the answer search.',
  previewEmpty: 'No body in this language yet.',
  lint: {
    missing_translation_title: 'The title has no {{language}} translation',
    missing_translation_body: 'The body has no {{language}} translation',
    body_too_long: 'The {{language}} body is too long ({{length}} characters, limit {{limit}})',
    stray_placeholder:
      'The {{language}} {{part}} contains “{{text}}”. Answers are not filled in, so the braces would be read out',
    duplicate_title: 'The {{language}} title “{{title}}” is the same as published “{{other}}”',
    partTitle: 'title',
    partBody: 'body',
  },
  history: {
    tagsChanged: 'The tags changed',
    bodyChanged: 'Body ({{language}})',
  },
};
