import { Grid, Group, Paper, Skeleton, Stack } from '@mantine/core';

/** The card's shape while it loads, so nothing jumps when it arrives. */
export function CustomerCardSkeleton() {
  return (
    <Stack gap="md" aria-busy="true">
      <Paper withBorder p="md">
        <Group gap="xl" align="flex-start">
          <Stack gap={6}>
            <Skeleton height={12} width={120} />
            <Skeleton height={28} width={200} />
            <Skeleton height={18} width={140} radius="xl" />
          </Stack>
          <Stack gap={6} style={{ flex: 1 }}>
            <Skeleton height={14} width="60%" />
            <Skeleton height={14} width="45%" />
            <Skeleton height={14} width="50%" />
          </Stack>
        </Group>
      </Paper>
      <Grid>
        <Grid.Col span={7}>
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Skeleton height={18} width={140} />
              <Skeleton height={80} />
              <Skeleton height={120} />
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={5}>
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Skeleton height={18} width={120} />
              <Skeleton height={60} />
              <Skeleton height={60} />
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
