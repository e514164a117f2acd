import type { IpcError } from '../../../shared/ipc';

// `t` narrowed to the keys used: the full TFunction type over the whole catalog is too deep for
// tsc to check as a parameter (TS2589).
export type ErrorKeys =
  `app.errors.${IpcError['code']}` | `app.reasons.${NonNullable<IpcError['reason']>}`;

/**
 * What went wrong, in the agent's language: the precise reason when the core gave one, else the
 * sentence for the error's code. The core's English message is only ever the technical detail.
 */
export function errorText(error: IpcError, t: (key: ErrorKeys) => string): string {
  return error.reason ? t(`app.reasons.${error.reason}`) : t(`app.errors.${error.code}`);
}
