/** Whether `bytes.decode` of CPython 3.`minor` wraps a codec's exception in one naming the codec. */
export function wrapsCodecErrors(minor: number): boolean {
  return minor >= 4 && minor <= 11;
}

/**
 * `_PyErr_TrySetFromCause` of 3.4 to 3.11: the codec's exception, re-raised with the codec name in front.
 * 3.4 added it (bpo-17828: 3.2's and 3.3's tracebacks show the codec's own exception), 3.12 removed it.
 */
export function wrapCodecError(err: Error, minor: number, name: string): Error {
  if (!wrapsCodecErrors(minor)) return err;
  const Ctor = err.constructor as new (message: string) => Error;
  return new Ctor(`decoding with '${name}' codec failed (${err.name}: ${err.message})`);
}
