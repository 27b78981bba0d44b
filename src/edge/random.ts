/** The platform's randomness for real renders (the CLI); the editor uses a seeded source so previews stay stable. */
import { randomInt, randomUUID } from 'node:crypto';
import type { RandomSource } from '../operators/index.js';

/** `rand_str` draws from lowercase letters and digits (pod_generator.py); `uuid4` for `secretvol<uuid>`. */
export const cryptoRandom: RandomSource = {
  alphanumeric: (n) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[randomInt(36)]).join(''),
  uuid4: () => randomUUID(),
};
