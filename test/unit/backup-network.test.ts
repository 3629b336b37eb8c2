import { describe, expect, it } from 'vitest';
import { isUncPath, linuxNetworkFs, macNetworkFs, networkFileSystem, parseMacMount, parseNetUse, type NetworkProbe } from '../../src/main/backup/network';
import { backupName, parseBackupName } from '../../src/main/backup/names';
import { isSafeRelativePath } from '../../src/main/backup/manifest';

/** Where the data folder sits: a network share earns the warning (SQLite's locking fails there). */

const probe = (over: Partial<NetworkProbe>): NetworkProbe => ({
  platform: 'linux',
  statfsType: async () => 0xef53,
  run: async () => '',
  ...over,
});

describe('network drive detection', () => {
  it('knows UNC paths, and not local or device paths', () => {
    expect(isUncPath('\\\\nas\\share\\After-Sales Desk')).toBe(true);
    expect(isUncPath('\\\\nas.office.local\\售后\\data')).toBe(true);
    expect(isUncPath('//nas/share/data')).toBe(true);
    expect(isUncPath('\\\\?\\UNC\\nas\\share\\data')).toBe(true);
    expect(isUncPath('\\\\?\\C:\\Users\\li\\AppData')).toBe(false);
    expect(isUncPath('\\\\.\\PhysicalDrive0')).toBe(false);
    expect(isUncPath('C:\\Users\\li\\AppData\\Roaming\\After-Sales Desk')).toBe(false);
    expect(isUncPath('/home/li/.config/After-Sales Desk')).toBe(false);
    expect(isUncPath('\\\\nas')).toBe(false);
  });

  it('reads Linux statfs magic numbers of network file systems', () => {
    expect(linuxNetworkFs(0x6969)).toBe('nfs');
    expect(linuxNetworkFs(0xff534d42)).toBe('cifs');
    expect(linuxNetworkFs(0xfe534d42)).toBe('smb2');
    expect(linuxNetworkFs(0x517b)).toBe('smb');
    expect(linuxNetworkFs(0x65735546)).toBe('fuse');
    // statfs may answer a negative 32-bit number or a bigint for the high ones.
    expect(linuxNetworkFs(0xff534d42 | 0)).toBe('cifs');
    expect(linuxNetworkFs(BigInt(0xfe534d42))).toBe('smb2');
    for (const local of [0xef53 /* ext4 */, 0x58465342 /* xfs */, 0x9123683e /* btrfs */, 0x01021994 /* tmpfs */, 0x4d44 /* vfat */]) expect(linuxNetworkFs(local)).toBeNull();
  });

  it('reads `net use` for mapped drive letters', () => {
    const out = [
      'New connections will be remembered.',
      '',
      'Status       Local     Remote                    Network',
      '-------------------------------------------------------------------------------',
      'OK           Z:        \\\\nas\\share              Microsoft Windows Network',
      'Disconnected Y:        \\\\old-server\\archive     Microsoft Windows Network',
      'OK                     \\\\nas\\IPC$               Microsoft Windows Network',
      'The command completed successfully.',
    ].join('\r\n');
    expect([...parseNetUse(out)].sort()).toEqual(['Y', 'Z']);
  });

  it('reads macOS `mount` for smbfs, afpfs and nfs mounts (the longest mount point wins)', () => {
    const mounts = parseMacMount(
      [
        '/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)',
        '/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)',
        '//li@nas._smb._tcp.local/share on /Volumes/share (smbfs, nodev, nosuid, mounted by li)',
        'nas:/export on /Volumes/export (nfs, nodev, nosuid, mounted by li)',
        '/dev/disk4s1 on /Volumes/USB Stick (msdos, local, nodev, nosuid, noowners)',
      ].join('\n'),
    );
    expect(macNetworkFs('/Volumes/share/After-Sales Desk', mounts)).toBe('smbfs');
    expect(macNetworkFs('/Volumes/export/data', mounts)).toBe('nfs');
    expect(macNetworkFs('/Volumes/USB Stick/backups', mounts)).toBeNull();
    expect(macNetworkFs('/Users/li/Library/Application Support/After-Sales Desk', mounts)).toBeNull();
    // A folder named like a mount point but beside it is not on it.
    expect(macNetworkFs('/Volumes/shared-local', mounts)).toBeNull();
  });

  it('answers per platform, and null when it cannot tell', async () => {
    expect(await networkFileSystem('\\\\nas\\share\\data', probe({ platform: 'win32' }))).toBe('unc');
    const netUse = 'OK           Z:        \\\\nas\\share              Microsoft Windows Network';
    expect(await networkFileSystem('Z:\\desk', probe({ platform: 'win32', run: async () => netUse }))).toBe('mapped-drive');
    expect(await networkFileSystem('C:\\desk', probe({ platform: 'win32', run: async () => netUse }))).toBeNull();
    expect(await networkFileSystem('/mnt/nas/desk', probe({ statfsType: async () => 0xff534d42 }))).toBe('cifs');
    expect(await networkFileSystem('/home/li/desk', probe({}))).toBeNull();
    expect(await networkFileSystem('/Volumes/share/desk', probe({ platform: 'darwin', run: async () => '//li@nas/share on /Volumes/share (smbfs, nodev)' }))).toBe('smbfs');
    expect(await networkFileSystem('Z:\\desk', probe({ platform: 'win32', run: async () => Promise.reject(new Error('net: not found')) }))).toBeNull();
    // The real machine: the temp folder is local here.
    expect(await networkFileSystem(process.cwd())).toBeNull();
  });
});

describe('backup folder names', () => {
  it('are the office time of the backup, with the kind, and are read back', () => {
    const at = new Date('2026-11-24T16:05:09Z');
    expect(backupName(at, 'Asia/Shanghai', 'manual')).toBe('AfterSalesDesk-backup-20261125-000509');
    expect(backupName(at, 'Asia/Shanghai', 'daily')).toBe('AfterSalesDesk-backup-20261125-000509-daily');
    expect(backupName(at, 'Europe/Berlin', 'safety', 2)).toBe('AfterSalesDesk-backup-20261124-170509-safety-2');
    expect(parseBackupName('AfterSalesDesk-backup-20261125-000509-daily')).toEqual({ kind: 'daily', stamp: '20261125-000509' });
    expect(parseBackupName('AfterSalesDesk-backup-20261125-000509-safety-2')).toEqual({ kind: 'safety', stamp: '20261125-000509' });
    expect(parseBackupName('AfterSalesDesk-backup-20261125-000509')).toEqual({ kind: 'manual', stamp: '20261125-000509' });
    for (const other of ['AfterSalesDesk-backup-latest', 'holiday photos', 'AfterSalesDesk-backup-20261125-000509-weekly']) expect(parseBackupName(other)).toBeNull();
  });

  it('manifest paths never leave the backup folder', () => {
    expect(isSafeRelativePath('attachments/ab/abcdef')).toBe(true);
    for (const bad of ['../x', '/etc/passwd', 'a/../../b', 'C:/x', 'a\\b', 'a//b', './a']) expect(isSafeRelativePath(bad)).toBe(false);
  });
});
