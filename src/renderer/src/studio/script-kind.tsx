import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import {
  emptyScriptContent,
  lintScriptContent,
  type PublishedScriptTriggers,
  type ScriptLintIssue,
} from '../../../shared/guidance';
import type { ScriptContent } from '../../../shared/protocol/script-authoring';
import { BranchGraph } from './BranchGraph';
import { useLintMessage } from './lint-message';
import { PreviewPanel } from './PreviewPanel';
import { ScriptDiff } from './ScriptDiff';
import { ScriptSteps } from './ScriptSteps';
import { authoringApi, type StudioKindOf } from './studio-kind';

/** The graph and the diff show one language: the screen's, if the script has it. */
function shownLanguage(content: ScriptContent, uiLanguage: Language): Language {
  return content.audience.languages.includes(uiLanguage)
    ? uiLanguage
    : (content.audience.languages[0] ?? 'ja');
}

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
    editor: {
      editor: 'script-editor',
      save: 'save-draft',
      publish: 'open-publish',
      history: 'tab-history',
    },
  },
  useTabs(props) {
    const { t } = useTranslation();
    const { content } = props.open;
    return [
      { value: 'steps', label: t('studio.editor.tabSteps'), panel: <ScriptSteps {...props} /> },
      {
        value: 'graph',
        label: t('studio.editor.tabGraph'),
        testId: 'tab-graph',
        panel: (
          <BranchGraph content={content} language={shownLanguage(content, props.desk.uiLanguage)} />
        ),
      },
      {
        value: 'preview',
        label: t('studio.editor.tabPreview'),
        testId: 'tab-preview',
        panel: (
          <PreviewPanel
            content={content}
            agentName={props.desk.agentName}
            retailerName={props.desk.retailerName}
          />
        ),
      },
    ];
  },
  diff: (loaded, { open, desk }) => (
    <ScriptDiff
      loaded={loaded}
      current={open.content}
      language={shownLanguage(open.content, desk.uiLanguage)}
    />
  ),
};
