/**
 * The shell's structural promises, checked on the sources and on esbuild
 * bundles (the same tool build/bundle.mjs uses), so they hold even where lint
 * is not run:
 * - raw `ipcMain` appears only in main/shell/ipc-main.ts;
 * - the shell's decision modules load no electron at run time (they are
 *   unit-tested under Node);
 * - the preload imports only electron and common/, bundles to one file whose
 *   only require is electron, and uses the channel ipc-main.ts listens on.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';

const REPO = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  const full = path.join(REPO, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !f.split(path.sep).includes('node_modules'))
    .map((f) => path.join(dir, f));
}

/** The code without comments, so that prose mentioning a name does not count. */
function code(file: string): string {
  return fs
    .readFileSync(path.join(REPO, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

/** The externals a bundle of `entry` loads at run time (type-only imports are erased). */
async function runtimeExternals(entry: string, external: string[]): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(REPO, entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent',
    external,
  });
  const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports);
  return [...new Set(imports.filter((i) => i.external).map((i) => i.path))].sort();
}

test('raw ipcMain is used in main/shell/ipc-main.ts only', () => {
  const offenders = ['main', 'preload', 'renderer', 'common']
    .flatMap(sourceFiles)
    .filter((file) => file !== path.join('main', 'shell', 'ipc-main.ts'))
    .filter((file) => /\bipcMain\b/.test(code(file)));
  assert.deepEqual(offenders, []);
  assert.match(code('main/shell/ipc-main.ts'), /ipcMain\.handle\(INVOKE_CHANNEL,/);
});

test('the Electron-free shell modules load no electron at run time', async () => {
  for (const entry of [
    'main/shell/policy-decisions.ts',
    'main/shell/app-protocol.ts',
    'main/shell/updater-plan.ts',
    'main/shell/web-preferences.ts',
  ]) {
    assert.deepEqual(
      (await runtimeExternals(entry, ['electron'])).filter((e) => !e.startsWith('node:')),
      [],
      entry,
    );
  }
  // updater.ts reaches Electron only through electron-updater (stubbed in its test).
  assert.deepEqual(await runtimeExternals('main/shell/updater.ts', ['electron', 'electron-updater']), [
    'electron-updater',
  ]);
});

test('only main/shell imports electron in main/', () => {
  const offenders = sourceFiles('main')
    .filter((file) => !file.startsWith(path.join('main', 'shell') + path.sep))
    .filter((file) => /from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)/.test(code(file)));
  assert.deepEqual(offenders, []);
});

test('the preload imports only electron and common/, and bundles to one file requiring only electron', async () => {
  const source = code('preload/preload.ts');
  const specifiers = [...source.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  assert.ok(specifiers.length > 0);
  for (const specifier of specifiers) {
    assert.ok(specifier === 'electron' || specifier.startsWith('../common/'), specifier);
  }
  // Electron's sandboxed preload can require only electron (and events, timers, url).
  assert.deepEqual(await runtimeExternals('preload/preload.ts', ['electron']), ['electron']);
  // Exactly one thing is exposed, and no raw IPC object is.
  assert.equal(source.match(/exposeInMainWorld\(/g)?.length, 1);
  assert.match(source, /exposeInMainWorld\(\s*'careHome'/);
  assert.doesNotMatch(source, /ipcRenderer\.(send|on|once|sendSync|postMessage)\b/);
});

test('the preload invokes the channel ipc-main.ts handles', () => {
  // Read from the sources: ipc-main.ts cannot be loaded outside Electron.
  const channelIn = (file: string) => /INVOKE_CHANNEL = '([^']+)'/.exec(code(file))?.[1];
  assert.equal(channelIn('main/shell/ipc-main.ts'), 'care-home:invoke');
  assert.equal(channelIn('preload/preload.ts'), 'care-home:invoke');
});
