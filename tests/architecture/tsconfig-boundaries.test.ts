/**
 * Each process's tsconfig gives it only its own world's API: DOM code in
 * main/ and Node code in the renderer fail to compile.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../support/temp-dir';

const ROOT = process.cwd();
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function compileAs(project: string, code: string): string {
  const dir = tempDir('care-home-tsconfig-');
  fs.writeFileSync(path.join(dir, 'probe.ts'), code);
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: path.join(ROOT, project),
      compilerOptions: {
        composite: false,
        noEmit: true,
        emitDeclarationOnly: false,
        declaration: false,
        typeRoots: [path.join(ROOT, 'node_modules', '@types')],
      },
      include: ['probe.ts'],
    }),
  );
  const result = spawnSync(process.execPath, [TSC, '-p', dir], { encoding: 'utf8' });
  return result.stdout + result.stderr;
}

test('main/ has Node but no DOM', () => {
  assert.match(compileAs('tsconfig.main.json', 'export const t = document.title;\n'), /Cannot find name 'document'/);
  assert.equal(compileAs('tsconfig.main.json', 'export const p = process.pid;\n'), '');
});

test('the renderer has the DOM but no Node', () => {
  assert.match(compileAs('tsconfig.renderer.json', 'export const p = process.pid;\n'), /Cannot find name 'process'/);
  assert.equal(compileAs('tsconfig.renderer.json', 'export const t = document.title;\n'), '');
});

test('common/ has neither', () => {
  const out = compileAs('tsconfig.common.json', 'export const x = [document.title, process.pid];\n');
  assert.match(out, /Cannot find name 'document'/);
  assert.match(out, /Cannot find name 'process'/);
});
