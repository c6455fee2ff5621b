// itaku keygen: an Ed25519 key pair for signing snapshots. The private key is created readable by its
// owner only (0600) and never printed; neither file is ever overwritten.
import { closeSync, openSync, rmSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import { generateSigningKeyPair, InputError } from "@itaku/core";
import type { CommandEnv, ParsedArgs } from "../command";

export const DEFAULT_KEY_FILE = "itaku-signing-key.pem";

/** `vendor.pem` → `vendor.pub.pem`; any other name gets `.pub.pem` appended. */
export function publicKeyFileFor(privateKeyFile: string): string {
  return privateKeyFile.endsWith(".pem")
    ? `${privateKeyFile.slice(0, -".pem".length)}.pub.pem`
    : `${privateKeyFile}.pub.pem`;
}

/** Creates the file only if it does not exist (O_EXCL: not through a planted link either). */
function createNew(path: string, text: string, mode: number): void {
  let fd: number;
  try {
    fd = openSync(path, "wx", mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      path,
      undefined,
      code === "EEXIST" ? "already exists; keygen never overwrites a key" : `cannot create: ${code ?? error}`,
    );
  }
  try {
    writeSync(fd, text);
  } catch (error) {
    closeSync(fd);
    rmSync(path, { force: true });
    throw new InputError(path, undefined, `cannot write: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  closeSync(fd);
}

export async function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  const privateFile = (args.values.output as string | undefined) ?? DEFAULT_KEY_FILE;
  const publicFile = publicKeyFileFor(privateFile);
  const privatePath = resolve(env.cwd, privateFile);
  const publicPath = resolve(env.cwd, publicFile);
  const pair = generateSigningKeyPair();
  createNew(publicPath, pair.publicKeyPem, 0o644);
  try {
    createNew(privatePath, pair.privateKeyPem, 0o600);
  } catch (error) {
    // Never leave a public key whose private half was not kept.
    rmSync(publicPath, { force: true });
    throw error;
  }
  env.stdout.write(
    [
      `private key: ${privateFile} (mode 0600; keep it secret, on the machine that runs collect)`,
      `public key:  ${publicFile} (give it to whoever evaluates your snapshots)`,
      `fingerprint: ${pair.fingerprint}`,
      "",
      `sign:   itaku collect --aws --sign ${privateFile} -o snapshot.json`,
      `verify: itaku evaluate snapshot.json --verify ${publicFile}`,
      "",
    ].join("\n"),
  );
  return 0;
}
