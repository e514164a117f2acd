import { ActionIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ComponentPropsWithRef } from 'react';

/** A view the header can open: whether it is open, and how to open it. */
export interface ViewToggle {
  open: boolean;
  onOpen(): void;
}

/**
 * A header button that opens one of the desk's views (admin, floor, insights, studio): round,
 * pressed while its view is open. The caller wraps it in the tooltip that says what it opens
 * (which hands it its ref and hover handlers: they pass through to the button).
 */
export function ViewButton({
  icon: ViewIcon,
  label,
  view,
  testId,
  keyShortcuts,
  ...target
}: Omit<ComponentPropsWithRef<'button'>, 'onClick'> & {
  icon: Icon;
  label: string;
  view: ViewToggle;
  testId: string;
  /** The view's keyboard shortcut, as aria-keyshortcuts says it. */
  keyShortcuts?: string;
}) {
  return (
    <ActionIcon
      {...target}
      variant={view.open ? 'light' : 'default'}
      size="lg"
      radius="xl"
      aria-label={label}
      aria-pressed={view.open}
      aria-keyshortcuts={keyShortcuts}
      onClick={view.onOpen}
      data-testid={testId}
    >
      <ViewIcon size={18} />
    </ActionIcon>
  );
}
