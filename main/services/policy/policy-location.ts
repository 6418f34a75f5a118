/**
 * Where the managed policy lives: the operating system's machine-wide,
 * administrator-only location, so that staff cannot change it.
 * `CARE_HOME_POLICY_PATH` overrides it, for tests and for the IT provider's staging.
 */
import path from 'node:path';

export const POLICY_FILE_NAME = 'policy.json';

export function machinePolicyPath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (env.CARE_HOME_POLICY_PATH) return env.CARE_HOME_POLICY_PATH;
  switch (platform) {
    case 'win32':
      return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'CareHomeDesktop', POLICY_FILE_NAME);
    case 'darwin':
      return path.posix.join('/Library/Application Support/CareHomeDesktop', POLICY_FILE_NAME);
    default:
      return path.posix.join('/etc/care-home-desktop', POLICY_FILE_NAME);
  }
}
