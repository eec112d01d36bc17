/**
 * How a batch shows its progress: a bar (cli-progress) when stderr is a terminal and there is more
 * than one document, the per-file lines otherwise (logs, CI, tests). With the bar, problems and
 * failures are still printed, above it; successes are what the bar counts.
 */
import type { MultiBar, SingleBar } from 'cli-progress';

export interface Progress {
  /** A problem or a failure: always printed, on stderr. */
  error(text: string): void;
  /** A document written: a line on stdout, unless the bar shows it. */
  success(text: string): void;
  /** One more document done. */
  tick(): void;
  close(): void;
}

const LINES: Progress = {
  error: (text) => console.error(text),
  success: (text) => console.log(text),
  tick: () => undefined,
  close: () => undefined,
};

export async function openProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Promise<Progress> {
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
    error: (text) => bars.log(text.endsWith('\n') ? text : `${text}\n`),
    success: () => undefined,
    tick: () => bar.increment(),
    close: () => bars.stop(),
  };
}
