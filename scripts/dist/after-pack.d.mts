export declare function packedElectronBinary(context: {
  appOutDir: string;
  electronPlatformName: string;
  packager: {
    appInfo: { productFilename: string; productName: string };
    executableName?: string;
  };
}): string;
declare function afterPack(context: Parameters<typeof packedElectronBinary>[0]): Promise<void>;
export default afterPack;
