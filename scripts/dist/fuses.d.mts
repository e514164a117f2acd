import type { FuseV1Config } from '@electron/fuses';

export declare const KOE_FUSES: FuseV1Config;
