#!/usr/bin/env node
import { main } from "./cli";

const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  clock: () => new Date(),
});
process.exitCode = code;
