/**
 * The agent's settings: language, theme, and the settings screen that gathers the others.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './LanguageSwitch';
export * from './SettingsButton';
export * from './SettingsView';
export * from './ThemeSwitch';
