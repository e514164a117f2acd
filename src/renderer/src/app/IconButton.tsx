import { ActionIcon, Tooltip, type ActionIconProps } from '@mantine/core';
import type { ComponentPropsWithoutRef, ReactNode } from 'react';

type ButtonProps = Omit<ComponentPropsWithoutRef<'button'>, keyof ActionIconProps | 'aria-label'>;

/**
 * A button that shows only an icon. Its `label` is both its accessible name and its tooltip, so
 * what a screen reader says and what the eye reads never disagree; `tooltip` replaces the shown
 * text where it says more (a shortcut, "copied").
 */
export function IconButton({
  label,
  tooltip = label,
  children,
  ...button
}: { label: string; tooltip?: ReactNode; children: ReactNode } & ActionIconProps & ButtonProps) {
  return (
    <Tooltip label={tooltip}>
      <ActionIcon aria-label={label} {...button}>
        {children}
      </ActionIcon>
    </Tooltip>
  );
}
