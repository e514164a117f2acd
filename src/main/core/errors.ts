import type { IpcErrorCode } from '../../shared/ipc';

/** An error a service raises on purpose; its code crosses IPC, its message is for people. */
export class AppError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
