import type { IpcErrorCode, IpcErrorReason } from '../../../shared/ipc';

/**
 * An error a service raises on purpose. Its code (and, when known, a precise reason) crosses
 * IPC and is worded by the page from the catalogs; its message is the English detail for support.
 */
export class AppError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly reason?: IpcErrorReason,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
