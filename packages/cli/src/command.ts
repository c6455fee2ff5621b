// What every command receives and may throw. Its own module so commands never import cli.ts.

export interface CommandEnv {
  /** The directory relative paths are resolved against: the user's, never the package's. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** The wall clock; commands take `--now` instead when given. */
  clock: () => Date;
}

/** Option values keyed by their long name as typed (`fail-on`), and the positional arguments. */
export type ParsedArgs = {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
};

/** Bad flag combinations or values: exit 2. */
export class UsageError extends Error {}
