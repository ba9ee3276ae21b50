import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Name of the key-encryption key file created in `DATA_DIR` when none is configured. */
export const KEY_FILE_NAME = 'identity-key-encryption.key';

const KEY_BYTES = 32;

/** Where the key-encryption key comes from. */
export interface KeyEncryptionKey {
  readonly key: Buffer;
  /** `environment`: `SIGNING_KEY_ENCRYPTION_KEY`; `file`: the key file in `DATA_DIR`. */
  readonly source: 'environment' | 'file';
  /** The key file, when the key comes from one. */
  readonly file?: string;
}

/**
 * The key that encrypts stored private keys: the configured one, or the one in `dataDir`'s key
 * file, created on first use with 256 random bits and mode 0600. Several processes starting at
 * once on one folder end up with the same key: the file is written aside and linked into place,
 * which fails for all but the first.
 */
export async function loadKeyEncryptionKey(
  configured: Buffer | undefined,
  dataDir: string,
): Promise<KeyEncryptionKey> {
  if (configured) return { key: configured, source: 'environment' };
  const file = join(dataDir, KEY_FILE_NAME);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (!(await exists(file))) await createKeyFile(file);
  return { key: await readKeyFile(file), source: 'file', file };
}

async function createKeyFile(file: string): Promise<void> {
  const aside = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await writeFile(aside, `${randomBytes(KEY_BYTES).toString('base64url')}\n`, {
    mode: 0o600,
    flag: 'wx',
  });
  try {
    await link(aside, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(aside);
  }
}

async function readKeyFile(file: string): Promise<Buffer> {
  const { mode } = await stat(file);
  // A key others can read protects nothing.
  if ((mode & 0o077) !== 0) {
    throw new Error(`${file} must be readable by its owner only (chmod 600 ${file})`);
  }
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  if (key.length !== KEY_BYTES) {
    throw new Error(`${file} does not hold a ${KEY_BYTES}-byte key in base64url`);
  }
  return key;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
