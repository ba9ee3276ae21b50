import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { KEY_FILE_NAME, loadKeyEncryptionKey } from './key-encryption-key.js';

describe('loadKeyEncryptionKey', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'identity-kek-')), 'pglite');
  });

  afterEach(async () => {
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('uses the configured key, and writes no file', async () => {
    const key = Buffer.alloc(32, 1);
    expect(await loadKeyEncryptionKey(key, dataDir)).toEqual({ key, source: 'environment' });
    await expect(stat(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('creates a 256-bit key file readable by its owner only, and reads it back', async () => {
    const first = await loadKeyEncryptionKey(undefined, dataDir);
    expect(first.source).toBe('file');
    expect(first.file).toBe(join(dataDir, KEY_FILE_NAME));
    expect(first.key).toHaveLength(32);
    expect((await stat(first.file as string)).mode & 0o777).toBe(0o600);
    expect((await loadKeyEncryptionKey(undefined, dataDir)).key).toEqual(first.key);
  });

  it('gives processes starting together one key', async () => {
    const keys = await Promise.all(
      Array.from({ length: 8 }, () => loadKeyEncryptionKey(undefined, dataDir)),
    );
    expect(new Set(keys.map(({ key }) => key.toString('hex'))).size).toBe(1);
  });

  it('refuses a key file others can read', async () => {
    const { file } = await loadKeyEncryptionKey(undefined, dataDir);
    await chmod(file as string, 0o644);
    await expect(loadKeyEncryptionKey(undefined, dataDir)).rejects.toThrow(/chmod 600/);
  });

  it('refuses a key file that does not hold 32 bytes', async () => {
    const { file } = await loadKeyEncryptionKey(undefined, dataDir);
    await writeFile(file as string, 'c2hvcnQ\n', { mode: 0o600 });
    await expect(loadKeyEncryptionKey(undefined, dataDir)).rejects.toThrow(/32-byte key/);
    expect(await readFile(file as string, 'utf8')).toBe('c2hvcnQ\n');
  });
});
