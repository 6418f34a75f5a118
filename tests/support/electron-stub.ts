/**
 * A minimal stand-in for the `electron` module, enough for electron-updater
 * under plain Node (adapted from shared/recipes/updater/electron-stub.js).
 * `installElectronStub()` makes every later `require('electron')` resolve to
 * this file; nothing else is affected. `net.request` is Node's http(s), so
 * electron-updater's real HTTP, download and sha512 code paths run.
 * For tests only: import it before anything that loads electron-updater.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import Module from 'node:module';
import os from 'node:os';

export const state = {
  version: '1.0.0',
  name: 'care-home-desktop',
  userData: os.tmpdir(),
  appPath: process.cwd(),
};

class StubApp extends EventEmitter {
  isPackaged = true;
  getVersion = (): string => state.version;
  getName = (): string => state.name;
  get name(): string {
    return state.name;
  }
  getAppPath = (): string => state.appPath;
  getPath(name: string): string {
    if (name === 'userData') return state.userData;
    if (name === 'temp') return os.tmpdir();
    if (name === 'home') return os.homedir();
    throw new Error(`electron-stub: app.getPath("${name}") is not stubbed`);
  }
  whenReady = (): Promise<void> => Promise.resolve();
  isReady = (): boolean => true;
  quit(): void {
    this.emit('before-quit');
    this.emit('quit', {}, 0);
  }
}

export const app = new StubApp();
export const autoUpdater = new EventEmitter();

/** electron's net.request → Node's request; builder-util-runtime uses only on('response'|'error'|…), end(), abort(). */
export const net = {
  request(options: http.RequestOptions & { session?: unknown; redirect?: unknown }): http.ClientRequest {
    const { session: _session, redirect: _redirect, ...rest } = options;
    return (rest.protocol === 'http:' ? http : https).request(rest);
  },
};
export const session = { fromPartition: (): object => ({}) };
export class Notification {
  constructor(readonly options: unknown) {}
  show(): void {}
}
export const shell = { openPath: async (): Promise<string> => '' };

type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: Resolve; __careHomeRedirects?: Map<string, string> };

/**
 * From now on `require(request)` in this process loads `file` (a test
 * stand-in) instead. The first call installs the hook; later calls add to or
 * change the redirections.
 */
export function redirectModule(request: string, file: string): void {
  let redirects = moduleInternals.__careHomeRedirects;
  if (!redirects) {
    const map = new Map<string, string>();
    redirects = moduleInternals.__careHomeRedirects = map;
    const original = moduleInternals._resolveFilename;
    moduleInternals._resolveFilename = function (this: unknown, name, ...rest) {
      return map.get(name) ?? original.call(this, name, ...rest);
    };
  }
  redirects.set(request, file);
}

/** `require('electron')` loads `file` from now on. */
export function resolveElectronTo(file: string): void {
  redirectModule('electron', file);
}

/** What `require('electron')` returns once installed (this module's exports). */
export const electronStub = { app, autoUpdater, net, session, Notification, shell, state };

export function installElectronStub(overrides: Partial<typeof state> = {}): typeof electronStub {
  Object.assign(state, overrides);
  resolveElectronTo(__filename);
  return electronStub;
}
