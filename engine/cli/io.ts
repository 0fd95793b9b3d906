// How commands talk to the terminal: whole lines on stdout (results, JSON) and stderr
// (messages), plus an optional progress line that a TTY redraws in place.

export interface CliIO {
  /** One line of results on stdout. */
  out(s: string): void;
  /** One line of messages on stderr. */
  err(s: string): void;
  /** Redraws the progress line (stderr, TTY only); absent where there is no TTY. */
  progress?(s: string): void;
}

export interface Command {
  name: string;
  /** One line for `layerlab --help`. */
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/** Exit codes: 0 success, 1 the input or the run failed, 2 the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** The real terminal. A progress line is cleared before any other output. */
export function processIO(): CliIO {
  let progressShown = false;
  const clear = () => {
    if (progressShown) process.stderr.write('\r\x1b[K');
    progressShown = false;
  };
  const io: CliIO = {
    out(s) {
      clear();
      process.stdout.write(`${s}\n`);
    },
    err(s) {
      clear();
      process.stderr.write(`${s}\n`);
    },
  };
  if (process.stderr.isTTY) {
    io.progress = (s) => {
      const width = process.stderr.columns || 80;
      process.stderr.write(`\r\x1b[K${s.length >= width ? s.slice(0, width - 1) : s}`);
      progressShown = true;
    };
  }
  return io;
}
