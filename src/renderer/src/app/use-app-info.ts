import { useEffect } from 'react';
import type { AppInfo } from '../../../shared/ipc';
import { i18n } from '../i18n/i18n';
import { useKoeQuery } from './use-koe-query';

const NO_INPUT = {};

/** Reads app:info once at start and applies the agent's saved language. */
export function useAppInfo(): AppInfo | null {
  const info = useKoeQuery('app:info', NO_INPUT);
  const savedLocale = info.status === 'success' ? info.value.locale : null;
  useEffect(() => {
    if (savedLocale) void i18n.changeLanguage(savedLocale);
  }, [savedLocale]);
  return info.status === 'success' ? info.value : null;
}
