/**
 * Bytes to text: UTF-8 (BOM stripped), or UTF-16 LE/BE when a BOM says so. Anything else that holds
 * a NUL byte early is binary; anything that is not valid UTF-8 is refused rather than guessed at.
 */

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

/** How much of the start of a file is searched for a NUL byte. */
export const BINARY_SNIFF_BYTES = 8 * 1024;

// `fatal` makes invalid input throw; the default `ignoreBOM: false` strips a leading BOM.
const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true });

function tryDecode(decoder: TextDecoder, bytes: Uint8Array, name: string): Decoded {
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, reason: `not valid ${name}` };
  }
}

export function decode(bytes: Buffer): Decoded {
  const [b0, b1, b2, b3] = bytes;
  if (
    (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) ||
    (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)
  ) {
    return { ok: false, reason: 'UTF-32 text is not supported' };
  }
  if (b0 === 0xff && b1 === 0xfe) return tryDecode(utf16le, bytes, 'UTF-16LE');
  if (b0 === 0xfe && b1 === 0xff) {
    // Swap to little-endian on a copy: TextDecoder('utf-16be') needs a full-ICU build of Node.
    if (bytes.length % 2 !== 0) return { ok: false, reason: 'not valid UTF-16BE' };
    return tryDecode(utf16le, Buffer.from(bytes).swap16(), 'UTF-16BE');
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return { ok: false, reason: 'binary file (NUL byte in the first 8 KiB)' };
  }
  return tryDecode(utf8, bytes, 'UTF-8');
}
