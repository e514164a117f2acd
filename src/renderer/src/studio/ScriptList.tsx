import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import type { StudioScriptSummary } from '../../../shared/protocol/script-authoring';
import { StudioItemList } from './StudioItemList';

interface ScriptListProps {
  scripts: readonly StudioScriptSummary[];
  selected: string | null;
  uiLanguage: Language;
  onSelect(scriptId: string): void;
}

/** Every script with its status, version and audience. */
export function ScriptList({ scripts, selected, uiLanguage, onSelect }: ScriptListProps) {
  const { t } = useTranslation();
  return (
    <StudioItemList
      items={scripts.map((s) => ({ ...s, id: s.scriptId }))}
      selected={selected}
      uiLanguage={uiLanguage}
      emptyText={t('studio.list.empty')}
      testIdPrefix="studio-script"
      onSelect={onSelect}
    />
  );
}
