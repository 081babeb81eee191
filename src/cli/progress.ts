/**
 * Progress of a long command: a bar redrawn in place on a terminal, a plain line every tenth of the way otherwise
 * (CI logs, pipes), always on stderr so stdout keeps the command's result.
 */
export interface Progress {
  update(done: number): void;
  finish(): void;
}

export function createProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  const width = 30;
  let nextLine = 0.1;
  const rate = (done: number): string => {
    const seconds = (performance.now() - started) / 1000;
    return seconds > 0 ? `${Math.round(done / seconds).toLocaleString('en-US')}/s` : '';
  };
  const line = (done: number): string => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(share * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    return `${label} ${bar} ${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${rate(done)}`;
  };
  return {
    update(done) {
      if (stream.isTTY) {
        stream.write(`\r${line(done)}`);
      } else if (total > 0 && done / total >= nextLine) {
        stream.write(`${line(done)}\n`);
        nextLine = Math.floor((done / total) * 10 + 1) / 10;
      }
    },
    finish() {
      if (stream.isTTY) {
        stream.write('\n');
      }
    },
  };
}
