/**
 * Builds OUR packaging config (electron-builder.yml) with OUR build output
 * (dist/, from `npm run build`) into a Linux `dir` and `deb`, against a fake
 * Electron (no binary can be downloaded here), and checks what a release
 * would contain: the asar's files and what it leaves out, the fuses flipped in
 * the binary, app-update.yml and the deb layout.
 *
 * electron-builder runs on the repository itself (a copy with a symlinked
 * node_modules loses the transitive dependencies), writing only to a temp
 * folder. Test-only overrides, in a temp config that `extends` ours, each
 * because the real step needs something this machine cannot have:
 * - electronDist: the fake Electron from fake-toolchain.sh;
 * - npmRebuild false: rebuilding SQLCipher/keytar for Electron's ABI needs
 *   Electron's headers from the internet (the real build does rebuild), so the
 *   packaged .node files here are the Node-ABI ones: a layout fixture only;
 * - directories.output: the temp folder.
 * Needs dpkg-deb (Debian package dpkg) and the fpm shim next to this file.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { tempDir } from '../support/temp-dir';

const REPO = path.resolve(__dirname, '../..');
const HERE = __dirname;
const REQUIRED_DIST = ['dist/main/shell.js', 'dist/preload/preload.js', 'dist/renderer/index.html'];
/** The browser test host, sources, tests, source maps, config and local data never ship. */
const NEVER_PACKAGED = [
  /^\/dist\/browser-host\//,
  /^\/(tests|main|renderer|preload|common|build|docs|\.care-home-data)\//,
  /\.map$/,
  /^\/(electron-builder\.yml|tsconfig[^/]*\.json|vite\.config\.ts|eslint\.config\.mjs)$/,
];

const has = (command: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const missingTools = ['dpkg-deb'].filter((tool) => !has(tool));
const missingDist = REQUIRED_DIST.filter((file) => !fs.existsSync(path.join(REPO, file)));
const skip = missingTools.length
  ? `missing tools: ${missingTools.join(', ')}`
  : missingDist.length
    ? `dist/ is not built (${missingDist.join(', ')}): run \`npm run build\` first`
    : false;

/** app-update.yml is flat `key: value` lines; no YAML library needed. */
function readFlatYaml(file: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.includes(': '))
      .map((line) => {
        const [key, ...rest] = line.split(': ');
        return [key!.trim(), rest.join(': ').trim()];
      }),
  );
}

test(
  'electron-builder.yml packages dist/ into a Linux dir + deb with fuses, asar and update config',
  { skip, timeout: 120_000 },
  async (t) => {
    const root = tempDir('care-home-packaging-');
    // What the working tree holds besides the app, so the exclusions are really exercised.
    const decoys = ['dist/browser-host', 'tests', 'main', 'dist/main/shell.js.map'].filter((f) =>
      fs.existsSync(path.join(REPO, f)),
    );
    t.diagnostic(`present in the tree and expected to stay out: ${decoys.join(', ')}`);

    execFileSync('sh', [path.join(HERE, 'fake-toolchain.sh'), path.join(root, 'tools')]);
    // A copy, made executable here: electron-builder runs it directly, and the
    // exec bit of the file in the repository may not survive a checkout.
    const fpm = path.join(root, 'tools/fpm-dpkg-shim.mjs');
    fs.copyFileSync(path.join(HERE, 'fpm-dpkg-shim.mjs'), fpm);
    fs.chmodSync(fpm, 0o755);
    const out = path.join(root, 'out');
    const overrides = path.join(root, 'test-overrides.json');
    fs.writeFileSync(
      overrides,
      JSON.stringify({
        extends: path.join(REPO, 'electron-builder.yml'),
        electronDist: path.join(root, 'tools/electron-dist'),
        npmRebuild: false,
        directories: { output: out },
      }),
    );
    const cli = path.join(REPO, 'node_modules/electron-builder/cli.js');
    const targets = '--linux dir deb --x64 --publish never'.split(' ');
    const args = [cli, ...targets, '--projectDir', REPO, '--config', overrides];
    try {
      execFileSync(process.execPath, args, {
        cwd: REPO,
        stdio: 'pipe',
        env: {
          ...process.env,
          CUSTOM_FPM_PATH: fpm,
          ELECTRON_BUILDER_CACHE: path.join(root, 'cache'),
        },
      });
    } catch (error) {
      const e = error as { message: string; stdout?: Buffer; stderr?: Buffer };
      assert.fail(
        `electron-builder failed: ${e.message}\n${e.stdout?.toString() ?? ''}\n${e.stderr?.toString() ?? ''}`,
      );
    }

    const unpacked = path.join(out, 'linux-unpacked');
    const resources = path.join(unpacked, 'resources');
    const files = listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((f) =>
      f.split(path.sep).join('/'),
    );
    for (const file of ['/package.json', ...REQUIRED_DIST.map((f) => `/${f}`)]) {
      assert.ok(files.includes(file), `app.asar contains ${file}`);
    }
    const forbidden = files.filter((f) => NEVER_PACKAGED.some((pattern) => pattern.test(f)));
    assert.deepEqual(forbidden, [], 'no browser host, sources, tests, source maps or local data in app.asar');
    assert.ok(files.includes('/node_modules/electron-updater/package.json'), 'runtime dependencies are packaged');
    assert.ok(!files.some((f) => f.startsWith('/node_modules/electron/')), 'devDependencies are not packaged');
    assert.ok(!files.some((f) => f.includes('better-sqlite3-multiple-ciphers/deps/')), 'no SQLite sources');

    // Native modules outside the asar (they cannot be loaded from inside it).
    const unpackedNative = path.join(resources, 'app.asar.unpacked/node_modules');
    assert.ok(fs.existsSync(path.join(unpackedNative, 'keytar/build/Release/keytar.node')));
    assert.ok(
      fs.existsSync(path.join(unpackedNative, 'better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node')),
    );

    // The updater's config: the placeholder feed the policy overrides at run time.
    const updateConfig = readFlatYaml(path.join(resources, 'app-update.yml'));
    assert.equal(updateConfig.provider, 'generic');
    assert.equal(updateConfig.url, 'https://updates.invalid/care-home-desktop/');
    assert.equal(updateConfig.channel, 'latest');
    assert.equal(updateConfig.updaterCacheDirName, 'care-home-desktop-updater');

    // Every fuse as configured ('0' off, '1' on), read back from the binary.
    const wire = await getCurrentFuseWire(path.join(unpacked, 'care-home-desktop'));
    const fuse = (option: FuseV1Options): string => String.fromCharCode(wire[option] as number);
    const expected: [keyof typeof FuseV1Options, '0' | '1'][] = [
      ['RunAsNode', '0'],
      ['EnableCookieEncryption', '1'],
      ['EnableNodeOptionsEnvironmentVariable', '0'],
      ['EnableNodeCliInspectArguments', '0'],
      ['EnableEmbeddedAsarIntegrityValidation', '1'],
      ['OnlyLoadAppFromAsar', '1'],
      ['LoadBrowserProcessSpecificV8Snapshot', '0'],
      ['GrantFileProtocolExtraPrivileges', '0'],
    ];
    for (const [name, state] of expected) assert.equal(fuse(FuseV1Options[name]), state, `fuse ${name}`);

    // Only our languages.
    assert.deepEqual(fs.readdirSync(path.join(unpacked, 'locales')).sort(), ['en-GB.pak', 'en-US.pak']);

    // The deb: name, version, layout under /opt, and the updater's package type.
    const version = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string })
      .version;
    const deb = path.join(out, `care-home-desktop-${version}-amd64.deb`);
    const control = execFileSync('dpkg-deb', ['-f', deb], { encoding: 'utf8' });
    assert.match(control, /^Package: care-home-desktop$/m);
    assert.match(control, new RegExp(`^Version: ${version.replace(/\./g, '\\.')}$`, 'm'));
    assert.match(control, /^Recommends: .*gnome-keyring/m);
    const listing = execFileSync('dpkg-deb', ['-c', deb], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.match(listing, /\.\/opt\/Care Home Desktop\/resources\/app\.asar\n/);
    assert.match(listing, /\.\/opt\/Care Home Desktop\/resources\/app-update\.yml\n/);
    assert.match(listing, /\.\/usr\/share\/applications\/care-home-desktop\.desktop\n/);
    const extracted = path.join(root, 'deb');
    execFileSync('dpkg-deb', ['-x', deb, extracted]);
    const packageType = path.join(extracted, 'opt/Care Home Desktop/resources/package-type');
    assert.equal(fs.readFileSync(packageType, 'utf8').trim(), 'deb');
  },
);
