/**
 * The process boundaries are enforced by lint at error level, not by review:
 * these tests feed ESLint code that crosses each boundary and expect it to be
 * refused (as Signal-Desktop tests its own boundary rule).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function rulesBroken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

test('services under main/ cannot import electron or the code that wires them up', async () => {
  const broken = await rulesBroken(
    'main/services/store/example.ts',
    "import { app } from 'electron';\nimport { createDispatcher } from '../../core/dispatcher';\nexport const x = [app, createDispatcher];\n",
  );
  assert.deepEqual(broken.sort(), ['import-x/no-restricted-paths', 'no-restricted-imports']);
});

test('the renderer cannot import main/, preload/ or Node', async () => {
  const broken = await rulesBroken(
    'renderer/src/example.ts',
    "import { startCareHomeCore } from '../../main/core/care-home-core';\nimport fs from 'node:fs';\nexport const x = [startCareHomeCore, fs];\n",
  );
  assert.deepEqual(broken.sort(), ['import-x/no-restricted-paths', 'no-restricted-imports']);
});

test('common/ imports nothing of any process', async () => {
  const broken = await rulesBroken(
    'common/ipc/example.ts',
    "import { StaffSession } from '../../main/services/auth/staff-session';\nimport path from 'node:path';\nexport const x = [StaffSession, path];\n",
  );
  assert.deepEqual(broken.sort(), ['import-x/no-restricted-paths', 'no-restricted-imports']);
});

test('raw ipcMain is refused everywhere but the one wrapper', async () => {
  const elsewhere = await rulesBroken(
    'main/shell/example.ts',
    "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n",
  );
  assert.ok(elsewhere.includes('no-restricted-imports'));
  const wrapper = await rulesBroken(
    'main/shell/ipc-main.ts',
    "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n",
  );
  assert.deepEqual(wrapper, []);
});

test('the shell may import electron', async () => {
  assert.deepEqual(
    await rulesBroken('main/shell/example.ts', "import { app } from 'electron';\nexport const x = app;\n"),
    [],
  );
});
