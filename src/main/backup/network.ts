import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Is a folder on a network file system? SQLite's file locking is not reliable on network shares
 * (SMB, NFS, …): two writers can corrupt the database. The data folder there earns a warning; a
 * backup folder there is fine (backups are written whole), but the page says so.
 *
 * - Windows: a UNC path (`\\server\share`, `\\?\UNC\…`), or a drive letter `net use` lists as mapped.
 * - Linux: the file system's magic number from statfs (NFS, CIFS, SMB2, SMB, FUSE such as sshfs, …).
 * - macOS: the file system type `mount` lists for the folder's mount point (smbfs, afpfs, nfs, webdav).
 */

/** Linux statfs `f_type` of network (and user-space) file systems, as `man 2 statfs` lists them. */
export const LINUX_NETWORK_FS: ReadonlyMap<number, string> = new Map([
  [0x6969, 'nfs'],
  [0xff534d42, 'cifs'],
  [0xfe534d42, 'smb2'],
  [0x517b, 'smb'],
  [0x564c, 'ncp'],
  [0x65735546, 'fuse'],
  [0x6b414653, 'afs'],
  [0x5346414f, 'openafs'],
  [0x00c36400, 'ceph'],
  [0x01021997, '9p'],
  [0x47504653, 'gpfs'],
  [0x0bd00bd0, 'lustre'],
  [0x01161970, 'gfs2'],
  [0x7461636f, 'ocfs2'],
  [0x19830326, 'beegfs'],
]);

const MAC_NETWORK_FS = new Set(['smbfs', 'afpfs', 'nfs', 'webdav', 'cifs', 'ftp', 'osxfuse', 'macfuse', 'fusefs']);

/** `\\server\share\…`, `//server/share/…` as Windows reads it, `\\?\UNC\server\…`; not `\\?\C:\…` or `\\.\…`. */
export function isUncPath(p: string): boolean {
  if (/^\\\\\?\\UNC\\/i.test(p)) return true;
  if (/^\\\\[?.]\\/.test(p)) return false;
  return /^(\\\\|\/\/)[^\\/]+[\\/][^\\/]+/.test(p);
}

export function linuxNetworkFs(type: number | bigint): string | null {
  return LINUX_NETWORK_FS.get(Number(type) >>> 0) ?? null;
}

/** `net use` lines: "OK           Z:        \\server\share   Microsoft Windows Network" → drive letters. */
export function parseNetUse(output: string): Set<string> {
  const drives = new Set<string>();
  for (const line of output.split(/\r?\n/)) {
    const m = /(?:^|\s)([A-Za-z]):\s+\\\\/.exec(line);
    if (m) drives.add(m[1]!.toUpperCase());
  }
  return drives;
}

/** macOS `mount` lines: "//me@nas/share on /Volumes/share (smbfs, nodev, nosuid, mounted by me)". */
export function parseMacMount(output: string): Array<{ mountPoint: string; type: string }> {
  const out: Array<{ mountPoint: string; type: string }> = [];
  for (const line of output.split(/\r?\n/)) {
    const m = / on (.+) \(([^,)]+)/.exec(line);
    if (m) out.push({ mountPoint: m[1]!, type: m[2]!.trim() });
  }
  return out;
}

/** The type of the mount the path is on (the longest mount point that contains it), if a network one. */
export function macNetworkFs(path: string, mounts: Array<{ mountPoint: string; type: string }>): string | null {
  let best: { mountPoint: string; type: string } | null = null;
  for (const m of mounts) {
    const mp = m.mountPoint.endsWith('/') ? m.mountPoint : `${m.mountPoint}/`;
    if ((path === m.mountPoint || path.startsWith(mp) || m.mountPoint === '/') && (!best || m.mountPoint.length > best.mountPoint.length)) best = m;
  }
  return best && MAC_NETWORK_FS.has(best.type) ? best.type : null;
}

export interface NetworkProbe {
  platform: NodeJS.Platform;
  statfsType(path: string): Promise<number | bigint>;
  run(cmd: string, args: string[]): Promise<string>;
}

const run = (cmd: string, args: string[]) =>
  new Promise<string>((ok, fail) => execFile(cmd, args, { timeout: 3000, windowsHide: true }, (e, stdout) => (e ? fail(e) : ok(String(stdout)))));

export const systemProbe: NetworkProbe = {
  platform: process.platform,
  statfsType: async (p) => (await statfs(p)).type,
  run,
};

/** The nearest folder of the path that exists (a backup folder may not exist yet). */
function existing(path: string): string {
  let p = resolve(path);
  while (!existsSync(p)) {
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  return p;
}

/** The network file system the path is on (its name), or null when it is local or cannot be told. */
export async function networkFileSystem(path: string, probe: NetworkProbe = systemProbe): Promise<string | null> {
  try {
    if (probe.platform === 'win32') {
      if (isUncPath(path)) return 'unc';
      const drive = /^(?:\\\\\?\\)?([A-Za-z]):/.exec(path)?.[1];
      if (!drive) return null;
      return parseNetUse(await probe.run('net', ['use'])).has(drive.toUpperCase()) ? 'mapped-drive' : null;
    }
    if (isUncPath(path)) return 'unc';
    if (probe.platform === 'darwin') return macNetworkFs(path, parseMacMount(await probe.run('mount', [])));
    return linuxNetworkFs(await probe.statfsType(existing(path)));
  } catch {
    return null;
  }
}
