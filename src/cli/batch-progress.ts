/**
 * How a batch shows its progress: a bar (cli-progress) when stderr is a terminal and there is more
 * than one document, the per-file lines otherwise (logs, CI, tests). With the bar, problems and
 * failures are still printed, above it; successes are what the bar counts.
 *
 * Output streams, as for `validate` (and eslint): the report — problems, files that failed, files
 * written — goes to stdout; the bar, which is not part of it, to stderr. When stdout is the same
 * terminal, report lines are written through the bar so that they do not break it.
 */
import type { MultiBar, SingleBar } from 'cli-progress';

export interface Progress {
  /** A problem or a failure: always printed, on stdout. */
  error(text: string): void;
  /** A document written: a line on stdout, unless the bar shows it. */
  success(text: string): void;
  /** One more document done. */
  tick(): void;
  close(): void;
}

const LINES: Progress = {
  error: (text) => console.log(text),
  success: (text) => console.log(text),
  tick: () => undefined,
  close: () => undefined,
};

export async function openProgress(total: number, stream: NodeJS.WriteStream = process.stderr, report: NodeJS.WriteStream = process.stdout): Promise<Progress> {
  if (total <= 1 || !stream.isTTY) return LINES;
  const { default: progress } = await import('cli-progress');
  const bars: MultiBar = new progress.MultiBar(
    {
      stream,
      format: 'Rendu {bar} {percentage} % · {value}/{total} · {duration_formatted} · reste {eta_formatted}',
      barsize: 30,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 100,
      fps: 10,
    },
    progress.Presets.shades_classic,
  );
  const bar: SingleBar = bars.create(total, 0);
  return {
    error: (text) => (report.isTTY ? bars.log(text.endsWith('\n') ? text : `${text}\n`) : console.log(text)),
    // The bar stands for the success lines only on the terminal: a report redirected to a file keeps them.
    success: (text) => (report.isTTY ? undefined : console.log(text)),
    tick: () => bar.increment(),
    close: () => bars.stop(),
  };
}
