/**
 * Errors the user can fix themselves: a missing or broken tsconfig, an unknown flag, an unwritable output path.
 * The CLI prints the message as one line (`purpose-lint: <message>`) and exits with 2, never with a stack trace,
 * so the message must say what is wrong and name the file or flag it is about.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
