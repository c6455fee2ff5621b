// Progress on stderr: a spinner line on a TTY, plain lines otherwise; stdout carries only the report.
// Messages name files and S3 keys, which may be hostile: they are printed with controls escaped.
import { terminalLine } from "./terminal-text";

export interface Progress {
  step(message: string): void;
  done(): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export function createProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  quiet: boolean,
): Progress {
  if (quiet) return { step: () => {}, done: () => {} };
  if (!stream.isTTY) {
    return { step: (message) => stream.write(`itaku: ${terminalLine(message)}\n`), done: () => {} };
  }
  let frame = 0;
  let current = "";
  const draw = () => stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${current}`);
  const timer = setInterval(draw, 80);
  timer.unref();
  return {
    step(message) {
      current = terminalLine(message);
      draw();
    },
    done() {
      clearInterval(timer);
      stream.write("\r\x1b[2K");
    },
  };
}
