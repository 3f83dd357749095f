import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every file and directory this process makes is for its own user only (0600, 0700): set before the first one,
 * so the key store, the log, the secret and the backups are never readable by another local user, not even for
 * the moment between making a file and changing its mode.
 */
export function keepFilesPrivate(): void {
  process.umask(0o077);
}

export interface ExposedPath {
  path: string;
  mode: string;
  /** The command that takes other users' access away. */
  fix: string;
}

/** The data directory, and the files in it, that a group or other users may read, write or enter. */
export function exposedInDataDir(dataDir: string): ExposedPath[] {
  const exposed = (path: string, directory: boolean): ExposedPath[] => {
    // Another process starting beside this one may remove its own draft between the listing and this look.
    const stat = statSync(path, { throwIfNoEntry: false });
    const mode = stat ? stat.mode & 0o777 : 0;
    return mode & 0o077 ? [{ path, mode: `0${mode.toString(8)}`, fix: `chmod ${directory ? 700 : 600} ${path}` }] : [];
  };
  const entries = readdirSync(dataDir, { withFileTypes: true });
  return [
    ...exposed(dataDir, true),
    ...entries.flatMap((entry) => (entry.isFile() || entry.isDirectory() ? exposed(join(dataDir, entry.name), entry.isDirectory()) : [])),
  ];
}
