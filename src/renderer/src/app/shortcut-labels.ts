/** The modifier key cap as the agent's keyboard prints it: ⌘ on a Mac, Ctrl elsewhere. */
export function modifierKeyLabel(): string {
  return /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘' : 'Ctrl';
}
