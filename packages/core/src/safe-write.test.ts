import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "./errors";
import { cannotWrite, createTemporary, writeFileSafely } from "./safe-write";

/** What the CLI does with every report and snapshot write. */
function writeFileAtomically(path: string, content: Parameters<typeof writeFileSafely>[1]): void {
  try {
    writeFileSafely(path, content);
  } catch (error) {
    throw cannotWrite(path, error);
  }
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "itaku-safe-write-"));
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const temporaries = (where = dir) => readdirSync(where).filter((name) => name.endsWith(".tmp"));

describe("writeFileSafely", () => {
  it("creates a new file and its missing parent directories", () => {
    const path = join(dir, "a", "b", "report.json");
    writeFileSafely(path, ["{", Buffer.from('"x":1'), "}\n"]);
    expect(readFileSync(path, "utf8")).toBe('{"x":1}\n');
    expect(temporaries(join(dir, "a", "b"))).toEqual([]);
  });

  it("replaces a regular file by rename and keeps its 0600 mode", () => {
    const path = join(dir, "report.md");
    writeFileSync(path, "old");
    chmodSync(path, 0o600);
    const before = statSync(path);
    writeFileSafely(path, "new");
    const after = statSync(path);
    expect(readFileSync(path, "utf8")).toBe("new");
    expect(after.mode & 0o777).toBe(0o600);
    expect(after.ino).not.toBe(before.ino); // a new inode: readers of the old one never see half a file
    expect(temporaries()).toEqual([]);
  });

  it("follows a symlink the user named and replaces its target, leaving the link", () => {
    mkdirSync(join(dir, "real"));
    const target = join(dir, "real", "report.html");
    writeFileSync(target, "old");
    chmodSync(target, 0o640);
    const link = join(dir, "link.html");
    symlinkSync(target, link);
    writeFileSafely(link, "new");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, "utf8")).toBe("new");
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(temporaries(join(dir, "real"))).toEqual([]);
  });

  it("follows a dangling symlink the user named, creating its target", () => {
    const link = join(dir, "latest.md");
    symlinkSync("out/2026-11.md", link);
    writeFileSafely(link, "report");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "out", "2026-11.md"), "utf8")).toBe("report");
  });

  it("never writes through a symlink planted at the temp name; it draws another name", () => {
    const victim = join(dir, "victim");
    writeFileSync(victim, "precious");
    const target = join(dir, "report.json");
    const suffixes = ["guessed", "fresh"];
    symlinkSync(victim, join(dir, ".report.json.guessed.tmp"));
    const { fd, temporary } = createTemporary(target, () => suffixes.shift()!);
    try {
      writeSync(fd, "report");
    } finally {
      closeSync(fd);
    }
    expect(temporary).toBe(join(dir, ".report.json.fresh.tmp"));
    expect(lstatSync(temporary).isFile()).toBe(true);
    expect(readFileSync(victim, "utf8")).toBe("precious");
  });

  it("refuses to open a temp through a planted symlink even when it dangles", () => {
    const victim = join(dir, "not-yet-there");
    symlinkSync(victim, join(dir, ".r.json.x.tmp"));
    expect(() => createTemporary(join(dir, "r.json"), () => "x")).toThrow(
      expect.objectContaining({ code: "EEXIST" }),
    );
    expect(() => statSync(victim)).toThrow();
  });

  it("uses a different, unpredictable temp name on every write", () => {
    const names = new Set<string>();
    const path = join(dir, "r.json");
    for (let i = 0; i < 3; i++) {
      writeFileSafely(path, {
        *[Symbol.iterator]() {
          names.add(temporaries().join());
          yield "x";
        },
      });
    }
    expect(names.size).toBe(3);
    for (const name of names) expect(name).toMatch(/^\.r\.json\.[0-9a-f]{18}\.tmp$/);
  });

  it("writes into a FIFO in place, for a reader on the other end", async () => {
    const fifo = join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    const reader = spawn("cat", [fifo]);
    const received = new Promise<string>((resolveRead, reject) => {
      let text = "";
      reader.stdout.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
      });
      reader.on("error", reject);
      reader.on("close", () => resolveRead(text));
    });
    writeFileSafely(fifo, ["line 1\n", "line 2\n"]);
    expect(await received).toBe("line 1\nline 2\n");
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(temporaries()).toEqual([]);
  });

  it("writes to /dev/null in place, leaving the device a device", () => {
    writeFileSafely("/dev/null", "discarded");
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("writes to /dev/fd/N in place: the caller's open file gets the content", () => {
    const path = join(dir, "redirected.txt");
    writeFileSync(path, "old content that is longer");
    const fd = openSync(path, "r+");
    try {
      const inode = statSync(path).ino;
      writeFileSafely(`/dev/fd/${fd}`, "new");
      expect(readFileSync(path, "utf8")).toBe("new");
      expect(statSync(path).ino).toBe(inode);
    } finally {
      closeSync(fd);
    }
    expect(temporaries()).toEqual([]);
  });

  it("refuses a directory", () => {
    expect(() => writeFileSafely(dir, "x")).toThrow(expect.objectContaining({ code: "EISDIR" }));
  });

  it("leaves an existing report untouched and removes its temp when writing fails", () => {
    const path = join(dir, "report.json");
    writeFileSync(path, "old report");
    const failing = {
      *[Symbol.iterator]() {
        yield "half of the ";
        throw new Error("renderer failed");
      },
    };
    expect(() => writeFileSafely(path, failing)).toThrow("renderer failed");
    expect(readFileSync(path, "utf8")).toBe("old report");
    expect(temporaries()).toEqual([]);
  });
});

describe("writeFileAtomically", () => {
  it("reports a full device as a clear InputError (exit 2) naming the path", () => {
    let error: unknown;
    try {
      writeFileAtomically("/dev/full", "report");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe("/dev/full: cannot write: no space left on device");
    expect(statSync("/dev/full").isCharacterDevice()).toBe(true);
  });

  it("keeps the old report when the disk fills up during the write", () => {
    const path = join(dir, "report.json");
    writeFileSync(path, "old report");
    // A disk cannot be filled on demand here, so the fault is raised by the content being written.
    const diskFull = {
      *[Symbol.iterator]() {
        yield "partial";
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      },
    };
    expect(() => writeFileAtomically(path, diskFull)).toThrow(
      `${path}: cannot write: no space left on device`,
    );
    expect(readFileSync(path, "utf8")).toBe("old report");
    expect(temporaries()).toEqual([]);
  });
});
