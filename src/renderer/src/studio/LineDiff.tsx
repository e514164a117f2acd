import { Box } from '@mantine/core';
import type { LineChange } from '../../../shared/guidance';

/** A text's line diff: added lines green with +, removed lines red with −, as plain text. */
export function LineDiff({ lines }: { lines: readonly LineChange[] }) {
  return lines.map((line, i) => (
    <Box
      key={i}
      px={6}
      ff="monospace"
      fz="xs"
      style={{ whiteSpace: 'pre-wrap' }}
      bg={
        line.op === 'added'
          ? 'var(--mantine-color-teal-light)'
          : line.op === 'removed'
            ? 'var(--mantine-color-red-light)'
            : undefined
      }
      data-diff-op={line.op}
    >
      {line.op === 'added' ? '+ ' : line.op === 'removed' ? '− ' : '  '}
      {line.text}
    </Box>
  ));
}
