import { hash, verify } from "@node-rs/argon2";

// argon2id with the OWASP-recommended minimum (19 MiB, 2 iterations); ≈ 55 ms per hash here.
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// A hash of a random string, verified against when the login is unknown, so that an unknown
// login costs the same time as a wrong password and cannot be told apart by timing.
let dummyHash: Promise<string> | undefined;

/** Verifies a password; with `storedHash` null it still spends the time of one verification. */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hash(crypto.randomUUID(), OPTIONS);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

/** Minimum rules for a password chosen by a person (BSI: length beats composition rules). */
export function passwordProblem(password: string): "too_short" | "too_long" | undefined {
  if (password.length < 12) return "too_short";
  if (password.length > 256) return "too_long";
  return undefined;
}
