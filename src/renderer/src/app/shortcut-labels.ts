import { isMacPlatform } from './shortcuts';

/** Read once: reading `navigator.userAgent` is slow in Chromium (~3 ms a ring in the ring bench's
 * CPU profile, the header asking on each of its renders). */
const MODIFIER_KEY = isMacPlatform(navigator.userAgent) ? '⌘' : 'Ctrl';

/** The modifier key cap as the agent's keyboard prints it: ⌘ on a Mac, Ctrl elsewhere. */
export function modifierKeyLabel(): string {
  return MODIFIER_KEY;
}
