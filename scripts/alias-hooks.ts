import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Lets plain Node (the bench scripts) import the project's TypeScript modules as the build does: `@/` is the project
 * root and extensionless paths are `.ts` files. Loaded with `node --import ./scripts/alias-hooks.ts`.
 */
const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

registerHooks({
  resolve(specifier, context, next) {
    const local = specifier.startsWith('@/')
      ? path.join(root, specifier.slice(2))
      : specifier.startsWith('.') && context.parentURL?.startsWith('file:')
        ? path.resolve(path.dirname(fileURLToPath(context.parentURL)), specifier)
        : null;
    if (local && !existsSync(local) || local && !path.extname(local)) {
      const file = ['.ts', '.tsx', '/index.ts'].map((ext) => local + ext).find((candidate) => existsSync(candidate));
      if (file) return next(pathToFileURL(file).href, context);
    }
    return next(local && specifier.startsWith('@/') ? pathToFileURL(local).href : specifier, context);
  },
});
