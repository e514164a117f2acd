/**
 * The authoring studio: scripts and knowledge answers, versions, review and publishing.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './ScriptUpdatedNotice';
export * from './StudioButton';
export * from './StudioView';
