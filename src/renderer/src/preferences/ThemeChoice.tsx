import {
  Group,
  SegmentedControl,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { IconMoon, IconSun } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const SCHEMES = [
  { value: 'light', Icon: IconSun, label: 'settings.themeLight' },
  { value: 'dark', Icon: IconMoon, label: 'settings.themeDark' },
] as const;

/** Light or dark, as a choice with both options in view (the header keeps its one-click toggle). */
export function ThemeChoice() {
  const { t } = useTranslation();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  return (
    <SegmentedControl
      aria-label={t('settings.theme')}
      value={scheme}
      onChange={(value) => setColorScheme(value === 'dark' ? 'dark' : 'light')}
      data={SCHEMES.map(({ value, Icon, label }) => ({
        value,
        label: (
          <Group gap={6} wrap="nowrap" justify="center">
            <Icon size={16} aria-hidden />
            {t(label)}
          </Group>
        ),
      }))}
    />
  );
}
