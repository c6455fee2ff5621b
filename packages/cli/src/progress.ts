// Progress on stderr: a spinner line on a TTY, plain lines otherwise; stdout carries only the report.
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
    return { step: (message) => stream.write(`itaku: ${message}\n`), done: () => {} };
  }
  let frame = 0;
  let current = "";
  const draw = () => stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${current}`);
  const timer = setInterval(draw, 80);
  timer.unref();
  return {
    step(message) {
      current = message;
      draw();
    },
    done() {
      clearInterval(timer);
      stream.write("\r\x1b[2K");
    },
  };
}
