import type { z } from 'zod';

/**
 * Declares an IPC channel (ipc.ts and the views' parts of the contract): its input schema, and
 * (as a type only) its output.
 */
export function channel<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({
    input,
    output: undefined as unknown as Output,
  });
}
