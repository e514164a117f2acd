import { Alert, type AlertProps } from '@mantine/core';

/**
 * A notice the agent closes when done with it, in the one look such notices have: light, with a
 * close button that says what it does (`closeLabel`, read by screen readers).
 */
export function ClosableNotice({
  closeLabel,
  onClose,
  ...alert
}: { closeLabel: string; onClose(): void } & Omit<
  AlertProps,
  'variant' | 'withCloseButton' | 'closeButtonLabel' | 'onClose'
>) {
  return (
    <Alert
      variant="light"
      withCloseButton
      closeButtonLabel={closeLabel}
      onClose={onClose}
      {...alert}
    />
  );
}
