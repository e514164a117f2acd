import { Text, type TextProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AlertKind, FloorAlert } from '../../../shared/protocol/supervisor-alerts';
import { PolicyFiringText } from './PolicyFiringText';

const KIND_LABEL = {
  harassment: 'floor.harassmentLabel',
  help: 'floor.helpLabel',
  bulk_access: 'floor.bulkAccessLabel',
} as const satisfies Record<AlertKind, string>;

/** What kind of alert and whose: "Harassment · Sato" (the floor's card, the admin's list). */
export function AlertHeadline({ alert, ...text }: { alert: FloorAlert } & TextProps) {
  const { t } = useTranslation();
  return (
    <Text size="sm" {...text}>
      {t(KIND_LABEL[alert.kind])}
      {' · '}
      {alert.agentName}
    </Text>
  );
}

/** What the alert says: the bulk-access policy that fired, else the agent's note, if any. */
export function AlertNote({ alert, lineClamp }: { alert: FloorAlert; lineClamp: number }) {
  if (alert.policy) return <PolicyFiringText policy={alert.policy} />;
  if (!alert.note) return null;
  return (
    <Text size="sm" lineClamp={lineClamp}>
      {alert.note}
    </Text>
  );
}
