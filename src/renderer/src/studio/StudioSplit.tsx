import { Button, Card, Grid, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../shared/ipc';
import { ErrorState } from '../app/ErrorState';

interface StudioSplitProps {
  testId: string;
  /** The words of this kind of item: subtitle, list title, new item, its id, nothing open. */
  text: { subtitle: string; listTitle: string; newItem: string; newId: string; choose: string };
  /** The new-item button, the id field and the create button. */
  newTestIds: { open: string; id: string; create: string };
  error: IpcError | null;
  /** A well-formed id no item has yet. */
  isNewIdValid(id: string): boolean;
  onCreate(id: string): void;
  /** The item list, once loaded. */
  list: ReactNode;
  /** The open item's editor, or null. */
  editor: ReactNode;
}

/**
 * A studio's page, the same for scripts and approved answers: the items on the left with a new
 * item's id field, the open item's editor on the right.
 */
export function StudioSplit(props: StudioSplitProps) {
  const { t } = useTranslation();
  const { text, newTestIds } = props;
  const [newId, setNewId] = useState<string | null>(null);

  return (
    <Stack gap="md" data-testid={props.testId}>
      <Text c="dimmed" fz="sm">
        {text.subtitle}
      </Text>
      {props.error && <ErrorState error={props.error} />}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
          <Card withBorder padding="sm">
            <Stack gap="sm">
              <Group justify="space-between">
                <Text fw={600}>{text.listTitle}</Text>
                <Button
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => setNewId('')}
                  data-testid={newTestIds.open}
                >
                  {text.newItem}
                </Button>
              </Group>
              {newId !== null && (
                <Group gap="xs" align="flex-end" wrap="nowrap">
                  <TextInput
                    size="xs"
                    style={{ flex: 1 }}
                    label={text.newId}
                    value={newId}
                    data-testid={newTestIds.id}
                    onChange={(e) => setNewId(e.currentTarget.value.toLowerCase())}
                  />
                  <Button
                    size="xs"
                    disabled={!props.isNewIdValid(newId)}
                    data-testid={newTestIds.create}
                    onClick={() => {
                      props.onCreate(newId);
                      setNewId(null);
                    }}
                  >
                    {t('studio.create')}
                  </Button>
                </Group>
              )}
              {props.list}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
          {props.editor ?? (
            <Text c="dimmed" mt="xl" ta="center">
              {text.choose}
            </Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
