/**
 * A JSON value in localStorage that may be missing, damaged or refused:
 * reading gives null then (the caller checks the shape of anything else),
 * and a refused write keeps the value for this visit only.
 */
export function readStoredJson(key: string): unknown {
  try {
    const text = localStorage.getItem(key);
    return text === null ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

export function writeStoredJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or refused: nothing is lost but across a reload.
  }
}
