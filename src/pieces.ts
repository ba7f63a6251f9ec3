/**
 * Builds a long string from many short pieces in linear time and memory. Appending one short piece at a time with
 * `+=` makes V8 keep a tree of cons-strings (about 60 bytes per character for a repr of 20 M characters, and a
 * fatal out-of-memory at 100 M): pieces go to an array instead, joined into one flat chunk every few thousand.
 */
export class Pieces {
  private readonly chunks: string[] = [];
  private pending: string[] = [];

  /** Appends `piece`. */
  add(piece: string): void {
    this.pending.push(piece);
    if (this.pending.length === 4096) this.flush();
  }

  private flush(): void {
    if (this.pending.length > 0) this.chunks.push(this.pending.join(''));
    this.pending = [];
  }

  /** The whole string so far. */
  text(): string {
    this.flush();
    return this.chunks.length === 1 ? this.chunks[0] : this.chunks.join('');
  }
}
