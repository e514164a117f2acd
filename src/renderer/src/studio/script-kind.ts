import { useTranslation } from 'react-i18next';
import {
  emptyScriptContent,
  lintScriptContent,
  type PublishedScriptTriggers,
  type ScriptLintIssue,
} from '../../../shared/guidance';
import { useLintMessage } from './lint-message';
import { ScriptEditor } from './ScriptEditor';
import { authoringApi, type StudioKindOf } from './studio-kind';

/** Scripts in the studio: steps with branches, linted against the published scripts' triggers. */
export const scriptKind: StudioKindOf<'script', PublishedScriptTriggers, ScriptLintIssue> = {
  api: authoringApi('script', {
    published: (list) =>
      list.scripts
        .filter((s) => s.version !== null)
        .map((s) => ({ scriptId: s.scriptId, audience: s.audience, triggers: s.triggers })),
    lint: (content, scriptId, published) => lintScriptContent(content, { scriptId, published }),
  }),
  emptyContent: () => emptyScriptContent(['ja', 'en']),
  items: (list) => list.scripts.map((s) => ({ ...s, id: s.scriptId })),
  useText() {
    const { t } = useTranslation();
    return {
      subtitle: t('studio.subtitle'),
      listTitle: t('studio.list.title'),
      newItem: t('studio.newScript'),
      newId: t('studio.newScriptId'),
      choose: t('studio.editor.choose'),
      empty: t('studio.list.empty'),
    };
  },
  useLintMessage,
  testIds: {
    page: 'studio',
    list: 'studio-script',
    new: { open: 'new-script', id: 'new-script-id', create: 'create-script' },
    editor: { editor: 'script-editor', save: 'save-draft', publish: 'open-publish' },
  },
  Editor: ScriptEditor,
};
