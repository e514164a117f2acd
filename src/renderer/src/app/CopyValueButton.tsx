import { CopyButton } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { IconButton } from './IconButton';

/**
 * Copies `value` to the clipboard; the tooltip says "copy", then "copied" for a moment. `label`
 * names what is copied for screen readers (several copy buttons can stand on one screen).
 */
export function CopyValueButton({
  value,
  label,
  iconSize = 16,
}: {
  value: string;
  label: string;
  iconSize?: number;
}) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <IconButton
          label={label}
          tooltip={copied ? t('app.copied') : t('app.copy')}
          variant="subtle"
          color={copied ? 'teal' : 'gray'}
          size="sm"
          onClick={copy}
        >
          {copied ? <IconCheck size={iconSize} /> : <IconCopy size={iconSize} />}
        </IconButton>
      )}
    </CopyButton>
  );
}
