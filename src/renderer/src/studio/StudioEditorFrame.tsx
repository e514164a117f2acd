import { Button, Group, Stack, Text } from '@mantine/core';
import { IconDeviceFloppy, IconSend } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcResult } from '../../../shared/ipc';
import { LintPanel } from './LintPanel';
import { PublishModal } from './PublishModal';

/** What the frame needs of a studio (`useAuthoringStudio`), whatever kind of item it edits. */
interface FramedStudio {
  busy: boolean;
  issues: readonly unknown[];
  saveDraft(): Promise<unknown>;
  publish(notes: string): Promise<IpcResult<unknown> | null>;
  rollback(version: number, notes: string): Promise<IpcResult<unknown> | null>;
}

interface StudioEditorFrameProps {
  studio: FramedStudio;
  open: { id: string; dirty: boolean; savedAt: string | null };
  /** The lint's issues in the trainer's words. */
  lintMessages: readonly string[];
  testIds: { editor: string; save: string; publish: string };
  /** The item's own tabs; `rollback` opens the publish dialog for an earlier version. */
  children(rollback: (version: number) => void): ReactNode;
}

/**
 * An open studio item's frame, the same for scripts and approved answers: its id and saved
 * state, save and publish, the lint, and the publish (or rollback) dialog around its own tabs.
 */
export function StudioEditorFrame({
  studio,
  open,
  lintMessages,
  testIds,
  children,
}: StudioEditorFrameProps) {
  const { t } = useTranslation();
  const [publishing, setPublishing] = useState<{ rollbackOf: number | null } | null>(null);

  return (
    <Stack gap="sm" data-testid={testIds.editor}>
      <Group justify="space-between">
        <Group gap="xs">
          <Text fw={700} ff="monospace">
            {open.id}
          </Text>
          <Text fz="xs" c={open.dirty ? 'orange' : 'dimmed'}>
            {open.dirty
              ? t('studio.editor.unsaved')
              : open.savedAt
                ? t('studio.editor.saved', { time: new Date(open.savedAt).toLocaleTimeString() })
                : ''}
          </Text>
        </Group>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconDeviceFloppy size={16} />}
            loading={studio.busy}
            onClick={() => void studio.saveDraft()}
            data-testid={testIds.save}
          >
            {t('studio.editor.save')}
          </Button>
          <Button
            leftSection={<IconSend size={16} />}
            disabled={studio.issues.length > 0}
            onClick={() => setPublishing({ rollbackOf: null })}
            data-testid={testIds.publish}
          >
            {t('studio.editor.publish')}
          </Button>
        </Group>
      </Group>
      <LintPanel messages={lintMessages} />
      {children((version) => setPublishing({ rollbackOf: version }))}
      <PublishModal
        opened={publishing !== null}
        rollbackOf={publishing?.rollbackOf ?? null}
        blocked={publishing?.rollbackOf === null && studio.issues.length > 0}
        busy={studio.busy}
        onClose={() => setPublishing(null)}
        onPublish={(notes) =>
          publishing?.rollbackOf != null
            ? studio.rollback(publishing.rollbackOf, notes)
            : studio.publish(notes)
        }
      />
    </Stack>
  );
}
