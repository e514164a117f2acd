/**
 * The call desk: the ringing and live calls, the call bar and workspace, a done call reopened.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './CallWorkspace';
export * from './MissedCallNotice';
export * from './ReturnToCallButton';
export * from './WrapUpEditView';
export * from './call-desk';
export * from './call-display';
export * from './use-call-desk';
