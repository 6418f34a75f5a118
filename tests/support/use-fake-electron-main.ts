/**
 * Side-effect import: from here on `require('electron')` gives
 * tests/support/fake-electron-main.ts. Import it before any module that loads
 * electron (imports are hoisted, so a call in the test file itself is too late).
 */
import { resolveElectronTo } from './electron-stub';

resolveElectronTo(require.resolve('./fake-electron-main'));
