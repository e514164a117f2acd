import { useEffect, type Dispatch } from 'react';
import { i18n } from '../i18n/i18n';
import { actionForNavigateEvent, type NavigationAction } from './navigation';

/** Pushes from main: koe:// links and the menu navigate; a locale change from anywhere applies. */
export function useKoeEvents(dispatch: Dispatch<NavigationAction>): void {
  useEffect(() => {
    const offNavigate = window.koe.on('app:navigate', (event) =>
      dispatch(actionForNavigateEvent(event)),
    );
    const offLocale = window.koe.on('app:localeChanged', ({ locale }) => {
      void i18n.changeLanguage(locale);
    });
    return () => {
      offNavigate();
      offLocale();
    };
  }, [dispatch]);
}
