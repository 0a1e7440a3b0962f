// The part of web-ext's programmatic API that `npm start` uses (the package ships no types).
declare module 'web-ext' {
  interface RunParams {
    sourceDir: string;
    target: ('chromium' | 'firefox-desktop')[];
    chromiumBinary?: string;
    chromiumProfile?: string;
    firefox?: string;
    firefoxProfile?: string;
    profileCreateIfMissing?: boolean;
    keepProfileChanges?: boolean;
    args?: string[];
    noInput?: boolean;
    noReload?: boolean;
  }
  const webExt: { cmd: { run: (params: RunParams, options: { shouldExitProgram: boolean }) => Promise<{ exit: () => Promise<void> }> } };
  export default webExt;
}
