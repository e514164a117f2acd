/** The Alt key cap as the agent's keyboard prints it: ⌥ on a Mac, Alt elsewhere. */
export function altKeyLabel(): string {
  return /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌥' : 'Alt';
}
