import type { DecodeOptions } from './page-decoding';

/** Messages between a thread that pulls and its page decoder. */
export interface ToPageDecoder {
  id: number;
  /** The body as received, transferred (not copied) to the decoder. */
  bytes: ArrayBuffer;
  options: DecodeOptions;
}

export type FromPageDecoder =
  /** The decoded page as JSON text: parsing text is cheaper than cloning the objects. */
  { id: number; json: string } | { id: number; error: string };
