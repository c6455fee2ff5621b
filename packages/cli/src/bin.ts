#!/usr/bin/env node
import { main } from "./cli";

// A write to a pipe whose reader has gone (`itaku … | head`) fails asynchronously, outside any
// command's try: end quietly, as command-line tools do, instead of crashing with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  clock: () => new Date(),
});
process.exitCode = code;
