/**
 * A recording stand-in for the parts of Electron's main-process API that
 * main/shell/{window,ipc-main,web-contents-security}.ts use, so their wiring
 * (which event, which handler, which answer) runs under Node. It knows
 * nothing of Chromium: what Electron itself does with these answers is for
 * tests/electron/app.electron.test.ts, on a machine with an Electron binary.
 * Load with `resolveElectronTo(require.resolve('./fake-electron-main'))`.
 */
import { EventEmitter } from 'node:events';

/** An event whose preventDefault is recorded. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(fields: Record<string, unknown> = {}) {
    Object.assign(this, fields);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface FakeFrame {
  url: string;
  origin: string;
  parent: FakeFrame | null;
  frameTreeNodeId: number;
  detached: boolean;
  isDestroyed(): boolean;
}

let nextFrameId = 1;
export function fakeFrame(url: string, origin: string, parent: FakeFrame | null = null): FakeFrame {
  return { url, origin, parent, frameTreeNodeId: nextFrameId++, detached: false, isDestroyed: () => false };
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (ok: boolean) => void,
  details: { requestingUrl: string },
) => void;

export class FakeSession extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((contents: unknown, permission: string, origin: string) => boolean) | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  beforeRequest: {
    filter: { urls: string[] };
    listener: (details: { url: string }, cb: (r: { cancel?: boolean }) => void) => void;
  } | null = null;
  spellChecker = true;
  readonly webRequest = {
    onBeforeRequest: (filter: { urls: string[] }, listener: NonNullable<FakeSession['beforeRequest']>['listener']) => {
      this.beforeRequest = { filter, listener };
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']): void {
    this.devicePermissionHandler = handler;
  }
  setSpellCheckerEnabled(enabled: boolean): void {
    this.spellChecker = enabled;
  }
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  mainFrame: FakeFrame = fakeFrame('app://care-home/index.html', 'app://care-home');
  loadedUrl: string | null = null;
  constructor(readonly session: FakeSession = new FakeSession()) {
    super();
  }
  setWindowOpenHandler(handler: NonNullable<FakeWebContents['windowOpenHandler']>): void {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly all: BrowserWindow[] = [];
  static fromWebContents(contents: unknown): BrowserWindow | null {
    return BrowserWindow.all.find((w) => w.webContents === contents) ?? null;
  }
  readonly webContents = new FakeWebContents();
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.all.push(this);
  }
  show(): void {
    this.shown = true;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  /** What setKiosk/setFullScreen/setClosable/setMinimizable were last given. */
  readonly state: Record<string, boolean> = {};
  setKiosk(on: boolean): void {
    this.state.kiosk = on;
  }
  setFullScreen(on: boolean): void {
    this.state.fullScreen = on;
  }
  setClosable(on: boolean): void {
    this.state.closable = on;
  }
  setMinimizable(on: boolean): void {
    this.state.minimizable = on;
  }
  loadURL(url: string): Promise<void> {
    this.webContents.loadedUrl = url;
    return Promise.resolve();
  }
}

/** Every call main.ts makes on app/protocol/Menu, in order, as `name` or `name:detail`. */
export const calls: string[] = [];

class FakeApp extends EventEmitter {
  isPackaged = false;
  appPath = '/app';
  userData = '/tmp/care-home-user-data';
  #ready!: () => void;
  readonly #readyPromise = new Promise<void>((resolve) => (this.#ready = resolve));
  enableSandbox(): void {
    calls.push('app.enableSandbox');
  }
  requestSingleInstanceLock(): boolean {
    calls.push('app.requestSingleInstanceLock');
    return true;
  }
  whenReady(): Promise<void> {
    return this.#readyPromise;
  }
  /** The test says when Electron is ready. */
  becomeReady(): void {
    calls.push('ready');
    this.#ready();
  }
  getAppPath(): string {
    return this.appPath;
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app.getPath(${name})`);
    return this.userData;
  }
  setAppUserModelId(id: string): void {
    calls.push(`app.setAppUserModelId:${id}`);
  }
  quit(): void {
    calls.push('app.quit');
  }
  exit(code: number): void {
    calls.push(`app.exit:${code}`);
  }
}

export const app = new FakeApp();
export const powerMonitor = new EventEmitter();

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    calls.push('protocol.registerSchemesAsPrivileged');
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    calls.push(`protocol.handle:${scheme}`);
    this.handlers.set(scheme, handler);
  },
};

export const Menu = {
  setApplicationMenu(menu: unknown): void {
    calls.push(`Menu.setApplicationMenu:${String(menu)}`);
  },
};

export const session = { defaultSession: new FakeSession() };

export const ipcMain = {
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  },
};

/** What the next confirmation dialog answers (button index), and what was shown. */
export const dialog = {
  errors: [] as string[],
  showErrorBox(title: string): void {
    this.errors.push(title);
  },
  nextResponse: 0,
  shown: [] as Record<string, unknown>[],
  async showMessageBox(...args: unknown[]): Promise<{ response: number }> {
    this.shown.push(args[args.length - 1] as Record<string, unknown>);
    return { response: this.nextResponse };
  },
};

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
};
