import {
  IconBell,
  IconBrandHipchat,
  IconDeviceMobileMessage,
  IconMail,
  IconMessageCircle,
  IconPhone,
  IconWorldWww,
} from '@tabler/icons-react';
import type { Contact, Notice } from '../../../shared/domain';

type Channel = Contact['channel'] | Notice['channel'];

const icons: Record<Channel, typeof IconPhone> = {
  call: IconPhone,
  email: IconMail,
  chat: IconMessageCircle,
  social: IconWorldWww,
  sms: IconDeviceMobileMessage,
  push: IconBell,
};

export function ChannelIcon({ channel, size = 16 }: { channel: Channel; size?: number }) {
  const Icon = icons[channel] ?? IconBrandHipchat;
  return <Icon size={size} aria-hidden />;
}
