// Bundles the Node-side entry points with esbuild (the renderer is built by Vite).
// esbuild rather than electron-vite: the three Node-side bundles are plain
// entry points, and the same script builds the browser test host, which
// electron-vite does not know about. Native modules and electron stay external.
import { build } from 'esbuild';

const external = ['electron', 'better-sqlite3-multiple-ciphers', 'keytar', 'electron-updater'];
const common = { bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'none' };

await Promise.all([
  // Electron main process: the shell and every service it wires up.
  build({
    ...common,
    entryPoints: ['main/shell/main.ts'],
    outfile: 'dist/main/shell.js',
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external,
  }),
  // The sandboxed preload must be one self-contained CommonJS file.
  build({
    ...common,
    entryPoints: ['preload/preload.ts'],
    outfile: 'dist/preload/preload.js',
    platform: 'node',
    format: 'cjs',
    target: 'chrome140',
    external: ['electron'],
  }),
  // The browser test host: the same services, over a loopback WebSocket.
  build({
    ...common,
    entryPoints: ['main/browser-host/cli.ts'],
    outfile: 'dist/browser-host/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
  }),
  // The bridge page script the browser host serves in place of the preload;
  // minified, as the renderer is, so that page-load figures compare like with like.
  build({
    ...common,
    entryPoints: ['renderer/host-bridge/ws-bridge.ts'],
    outfile: 'dist/browser-host/bridge.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    minify: true,
  }),
]);
