export declare function signingStatus(
  platform: string,
  env: Record<string, string | undefined>,
): { signed: boolean; notarized: boolean; message: string };
