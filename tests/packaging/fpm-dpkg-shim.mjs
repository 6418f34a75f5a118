#!/usr/bin/env node
/* global process, console */
// Test-only stand-in for fpm (set with CUSTOM_FPM_PATH): the `-s dir -t deb`
// subset electron-builder uses, built with dpkg-deb, so the packaging test
// needs no Ruby and no download. Not for production packages.
// Adapted from shared/recipes/updater/packaging/fpm-dpkg-shim.js.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const VALUE_OPTIONS = new Set([
  '-s',
  '-t',
  '-d',
  '--deb-recommends',
  '--deb-compression',
  '--architecture',
  '--after-install',
  '--after-remove',
  '--description',
  '--version',
  '--package',
  '--name',
  '--maintainer',
  '--vendor',
  '--url',
  '--deb-priority',
  '--license',
  '--iteration',
  '--category',
]);

function parse(args) {
  const options = { depends: [], recommends: [], maps: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--force' || arg === '--debug') continue;
    if (VALUE_OPTIONS.has(arg)) {
      const value = args[++i];
      if (arg === '-d') options.depends.push(value);
      else if (arg === '--deb-recommends') options.recommends.push(value);
      else options[arg.replace(/^-+/, '')] = value;
    } else if (arg.startsWith('-')) {
      throw new Error(`fpm shim: unsupported option ${arg}`);
    } else {
      const eq = arg.lastIndexOf('='); // source=destination
      options.maps.push([arg.slice(0, eq), arg.slice(eq + 1)]);
    }
  }
  if (options.s !== 'dir' || options.t !== 'deb') throw new Error('fpm shim: only -s dir -t deb');
  return options;
}

function controlFile(o) {
  const description = (o.description || '')
    .trim()
    .split('\n')
    .map((line, i) => (i ? ` ${line.trim() || '.'}` : line.trim()))
    .join('\n');
  const fields = [
    ['Package', o.name],
    ['Version', o.version + (o.iteration ? `-${o.iteration}` : '')],
    ['License', o.license],
    ['Vendor', o.vendor],
    ['Architecture', o.architecture],
    ['Maintainer', o.maintainer],
    ['Depends', o.depends.join(', ')],
    ['Recommends', o.recommends.join(', ')],
    ['Section', o.category || 'default'],
    ['Priority', o['deb-priority']],
    ['Homepage', o.url],
    ['Description', description || o.name],
  ];
  return (
    fields
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n') + '\n'
  );
}

const o = parse(process.argv.slice(2));
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fpm-shim-'));
fs.chmodSync(root, 0o755);
try {
  for (const [source, destination] of o.maps) {
    const target = path.join(root, destination);
    if (fs.statSync(source).isDirectory()) {
      fs.mkdirSync(target, { recursive: true });
      fs.cpSync(source, target, { recursive: true, verbatimSymlinks: true });
    } else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(source, target);
    }
  }
  fs.mkdirSync(path.join(root, 'DEBIAN'));
  fs.writeFileSync(path.join(root, 'DEBIAN', 'control'), controlFile(o));
  for (const [option, script] of [
    ['after-install', 'postinst'],
    ['after-remove', 'postrm'],
  ]) {
    if (!o[option]) continue;
    fs.copyFileSync(o[option], path.join(root, 'DEBIAN', script));
    fs.chmodSync(path.join(root, 'DEBIAN', script), 0o755);
  }
  const compression = o['deb-compression'] === 'gz' ? 'gzip' : o['deb-compression'] || 'xz';
  execFileSync('dpkg-deb', ['--root-owner-group', `-Z${compression}`, '--build', root, o.package], {
    stdio: 'inherit',
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
