/**
 * Script guidance in a call: the script, next best actions, knowledge answers, harassment.
 *
 * The entry point of this feature: the other renderer folders import it only through here
 * (eslint.config.js, `layers`).
 */
export * from './GuidancePanel';
export * from './HarassmentPanel';
export * from './KnowledgeAnswerCard';
export * from './KnowledgeDrawer';
export * from './ScriptText';
export * from './call-guidance';
export * from './pinned-script';
export * from './use-guidance-reference';
