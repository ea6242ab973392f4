import { createHash } from 'node:crypto';

/**
 * A small seeded pseudo-random source. The state comes from SHA-256 of a key string so that
 * every (seed, purpose, subject) triple gets an independent, reproducible stream; the stream
 * itself is sfc32, which is fast and good enough for synthetic data (never for secrets).
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks from `[value, weight]` pairs; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
}

export function hashWords(key: string): Uint32Array {
  const digest = createHash('sha256').update(key).digest();
  // Read word by word: a pooled Buffer's offset need not be 4-byte aligned.
  return Uint32Array.from({ length: 8 }, (_, i) => digest.readUInt32LE(i * 4));
}

export function seededRandom(key: string): Random {
  const words = hashWords(key);
  let a = words[0]!;
  let b = words[1]!;
  let c = words[2]!;
  let d = words[3]!;

  function next(): number {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  // Discard the first outputs: sfc32 mixes poorly in its first few rounds.
  for (let i = 0; i < 12; i++) next();

  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[int(0, items.length - 1)]!;
    },
    weighted: (items) => {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [value, weight] of items) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return items[items.length - 1]![0];
    },
  };
}

/** Folds Vietnamese text for diacritic-insensitive matching: "Đồng Tháp" → "dong thap". */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
