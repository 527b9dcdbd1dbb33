import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../core/hex.ts';
import { chacha20Xor, chachaBlock } from './chacha20.ts';

describe('ChaCha20 (RFC 8439)', () => {
  const key = Uint8Array.from({ length: 32 }, (_, i) => i);
  it('gives the §2.3.2 block', () => {
    expect(toHex(chachaBlock(key, fromHex('000000090000004a00000000'), 1))).toBe(
      '10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4ed2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e',
    );
  });

  it('encrypts the §2.4.2 sunscreen text', () => {
    const text = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";
    const data = Uint8Array.from(text, (c) => c.charCodeAt(0));
    chacha20Xor(key, fromHex('000000000000004a00000000'), 1, data);
    expect(toHex(data.subarray(0, 32))).toBe('6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b');
    expect(toHex(data.subarray(data.length - 8))).toBe('5af90bbf74a35be6b40b8eedf2785e42874d'.slice(-16));
  });
});
