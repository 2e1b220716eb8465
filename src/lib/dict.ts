/**
 * Objects keyed by ids that come from outside the program: imported files,
 * share links, the class dashboard's files, values in storage. A plain `{}`
 * inherits `constructor`, `toString`, `__proto__` and the rest, so an id with
 * one of those names reads an inherited value instead of nothing, and a write
 * through it goes astray (`{}.constructor.prototype = …` throws; a write
 * under `__proto__` replaces the prototype). A dictionary has no prototype
 * and is read through its own properties only, so every id is just a key.
 *
 * Null-prototype objects rather than Maps, because these records travel as
 * JSON (storage, files) and `JSON.stringify` writes them as it writes `{}`.
 */

/** A new object without a prototype, filled from `entries`. */
export function dict<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) out[key] = value;
  return out;
}

/** The value stored under `key` itself, never one inherited from `Object.prototype`. */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
