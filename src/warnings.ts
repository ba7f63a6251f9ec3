/** A warning CPython would issue through `warnings.warn` (its category and message). */
export interface PythonWarning {
  category: 'DeprecationWarning';
  message: string;
}

/** Receives each warning once; replace it with {@link setWarningHandler}. */
export type WarningHandler = (warning: PythonWarning) => void;

const defaultHandler: WarningHandler = (w) => {
  console.warn(`${w.category}: ${w.message}`);
};

let handler: WarningHandler = defaultHandler;
const seen = new Set<string>();

/**
 * Routes the core's warnings (for example the `debugOverride` deprecation) to `fn`; `null` restores the
 * default (`console.warn`). Returns the previous handler.
 */
export function setWarningHandler(fn: WarningHandler | null): WarningHandler {
  const previous = handler;
  handler = fn ?? defaultHandler;
  seen.clear();
  return previous;
}

/** Issues a warning the first time this exact warning happens, as Python's default `once`-per-location filter does. */
export function warnOnce(warning: PythonWarning): void {
  const key = `${warning.category}\0${warning.message}`;
  if (seen.has(key)) return;
  seen.add(key);
  handler(warning);
}
