/**
 * A failure inside `encodings.idna`'s nameprep or ToASCII, before the codec turns it into what the version raises:
 * 3.13+ a `UnicodeEncodeError` whose `start`/`end` (code points of the label) and `reason` the codec re-raises at
 * the label's offset in the input; older versions a bare `UnicodeError(reason)`. `label` is the text the positions index (CPython's exception object), when known.
 */
export class IdnaLabelError extends Error {
  constructor(
    readonly reason: string,
    readonly start: number,
    readonly end: number,
    readonly label?: readonly number[],
  ) {
    super(reason);
  }
}
