// Errors a user can cause. The CLI prints `file:place: message` and exits 2 — never a stack trace.

export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    readonly file: string,
    /** Line (and column), or a path inside the document such as `rules.x.maxDays`. */
    readonly place: string | undefined,
    readonly detail: string,
  ) {
    super(place ? `${file}:${place}: ${detail}` : `${file}: ${detail}`);
  }
}

/** A source that could not be scanned at all (bad credentials, unreachable directory): exit 3. */
export class SourceUnavailableError extends Error {
  override readonly name = "SourceUnavailableError";
  constructor(
    readonly source: string,
    readonly detail: string,
  ) {
    super(`${source}: ${detail}`);
  }
}
