/** A small seeded PRNG (mulberry32) and the helpers the generator draws from: same seed, same tree. */

/** Returns a generator of floats in [0, 1) fully determined by `seed` (any 32-bit integer). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over one PRNG stream. */
export function randomTools(seed) {
  const next = mulberry32(seed);
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (items) => items[Math.floor(next() * items.length)];
  const chance = (p) => next() < p;
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ren',
    'to',
    'sa',
    'vel',
    'dor',
    'an',
    'qu',
    'is',
    'ber',
    'fa',
    'nox',
    'tri',
    'ul',
  ];
  const word = (min = 2, max = 4) => {
    let w = '';
    for (let i = int(min, max); i > 0; i--) w += pick(syllables);
    return w;
  };
  const camel = (parts = int(2, 3)) => {
    let w = word(1, 3);
    for (let i = 1; i < parts; i++) {
      const p = word(1, 3);
      w += p[0].toUpperCase() + p.slice(1);
    }
    return w;
  };
  const hex = (length) => {
    let s = '';
    while (s.length < length) s += Math.floor(next() * 16).toString(16);
    return s;
  };
  return { next, int, pick, chance, word, camel, hex };
}

/** A 32-bit seed from a string, so `--seed smtp` and `--seed 42` both work. */
export function seedOf(text) {
  let h = 2166136261;
  for (const ch of String(text)) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
  return h;
}
