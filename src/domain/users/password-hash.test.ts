import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword } from './password-hash.ts';

describe('password hashing (scrypt)', () => {
  it('stores the parameters and a random salt; verifies the right password only', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('normalises Unicode (NFC) so the same password typed on another keyboard matches', async () => {
    const stored = await hashPassword('caf\u00e9 au lait 密码');
    expect(await verifyPassword('cafe\u0301 au lait 密码', stored)).toBe(true);
  });

  it('reads its own parameters back: a hash made with other costs still verifies', async () => {
    const cheap = await hashPassword('another password', { logN: 10, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$10$8$1$')).toBe(true);
    expect(await verifyPassword('another password', cheap)).toBe(true);
    expect(DEFAULT_SCRYPT.logN).toBeGreaterThanOrEqual(15);
  });

  it('rejects malformed hashes instead of throwing', async () => {
    for (const bad of ['', 'plain', 'scrypt$15$8$1$abc', 'scrypt$99$8$1$AAAA$AAAA', 'bcrypt$x$y$z$a$b']) expect(await verifyPassword('x', bad)).toBe(false);
  });
});
