/** A progress bar on stderr for long work (loading, generating); silent when stderr is not a terminal and CI is set. */
import cliProgress from 'cli-progress';

export function progressBar(label: string): { update(done: number, total: number, step?: string): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} |{bar}| {percentage}% {value}/{total} {step}`,
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, step = '') {
      if (!started) {
        bar.start(total, done, { step });
        started = true;
      }
      bar.update(done, { step });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
