import { Alert, type AlertProps } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';

/**
 * How each outcome looks and is announced: a success is teal with a check and a polite status;
 * a failure is red with the alert mark and an alert, which a screen reader reads at once.
 */
const LOOK = {
  success: { color: 'teal', Icon: IconCircleCheck, role: 'status' },
  failure: { color: 'red', Icon: IconAlertCircle, role: 'alert' },
} as const;

/**
 * What came of something the user did or the app read (saved, connected, failed), in the one
 * look every outcome has. `iconSize` follows the alert's place (a banner's is larger).
 */
export function OutcomeAlert({
  outcome,
  iconSize = 20,
  ...alert
}: {
  outcome: keyof typeof LOOK;
  iconSize?: number;
} & AlertProps) {
  const { color, Icon, role } = LOOK[outcome];
  return (
    <Alert color={color} variant="light" icon={<Icon size={iconSize} />} role={role} {...alert} />
  );
}
