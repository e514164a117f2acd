import { List, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import type { ScriptUpdate } from '../../../shared/studio-ipc';
import { ClosableNotice } from '../app/ClosableNotice';
import { cornerCardStyle } from '../app/corner-card';

/**
 * "Scripts updated": the versions that arrived by sync, with their release notes, until the
 * agent dismisses it. Shows the versions in the agent's language (one notice per publish, not
 * one per language); a call in progress keeps its version.
 */
export function ScriptUpdatedNotice() {
  const { t, i18n } = useTranslation();
  const uiLanguage: Language = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const [updates, setUpdates] = useState<ScriptUpdate[]>([]);
  useEffect(
    () =>
      window.koe.on('scripts:updated', (event) =>
        setUpdates((known) => {
          const fresh = event.updates.filter(
            (u) => !known.some((k) => k.scriptId === u.scriptId && k.version === u.version),
          );
          return [...known, ...fresh];
        }),
      ),
    [],
  );
  // One line per publish: the agent's language when the script has it.
  const shown = updates.filter(
    (u) =>
      u.language === uiLanguage ||
      !updates.some(
        (o) => o.language === uiLanguage && o.version === u.version && sameScript(o, u),
      ),
  );
  if (shown.length === 0) return null;
  return (
    <ClosableNotice
      color="blue"
      icon={<IconRefresh size={18} />}
      title={t('studio.notice.title')}
      closeLabel={t('studio.notice.dismiss')}
      onClose={() => setUpdates([])}
      role="status"
      data-testid="script-updated-notice"
      style={cornerCardStyle('right')}
    >
      <List size="sm" spacing={4}>
        {shown.map((u) => (
          <List.Item key={`${u.scriptId}@${u.version}`}>
            <Text fz="sm" fw={600} span>
              {t('studio.notice.item', { title: u.title, version: u.version })}
            </Text>
            <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {u.releaseNotes.trim() || t('studio.notice.noNotes')}
            </Text>
          </List.Item>
        ))}
      </List>
      <Text fz="xs" c="dimmed" mt={4}>
        {t('studio.notice.duringCall')}
      </Text>
    </ClosableNotice>
  );
}

/** Per-language ids of one studio script differ only by their `-ja` / `-en` ending. */
function sameScript(a: ScriptUpdate, b: ScriptUpdate): boolean {
  const base = (u: ScriptUpdate) =>
    u.scriptId.endsWith(`-${u.language}`)
      ? u.scriptId.slice(0, -u.language.length - 1)
      : u.scriptId;
  return base(a) === base(b);
}
