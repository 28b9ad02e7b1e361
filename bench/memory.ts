import { readFileSync } from 'node:fs';

// Memory figures. RSS is read from /proc by the parent, so a busy event loop in the
// measured process (better-sqlite3 is synchronous) cannot hide a peak; the heap can
// only be sampled from inside, by a timer.

/** A field of /proc/<pid>/status in bytes (VmRSS: resident now, VmHWM: peak resident so far). */
export function procStatusBytes(pid: number | 'self', field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples another process's RSS every `intervalMs`, keeping the peak per phase the caller names. */
export class RssSampler {
  private readonly peaks = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  phase = 'startup';

  constructor(pid: number, intervalMs = 50) {
    this.timer = setInterval(() => {
      const rss = procStatusBytes(pid, 'VmRSS');
      if (rss !== undefined) this.peaks.set(this.phase, Math.max(this.peaks.get(this.phase) ?? 0, rss));
    }, intervalMs);
  }

  peak(phase: string): number | undefined {
    return this.peaks.get(phase);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Samples this process's heap every `intervalMs`; also counts samples, to show how often the loop let the timer run. */
export class HeapSampler {
  peakHeapUsed = 0;
  peakRss = 0;
  samples = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly started = performance.now();

  constructor(private readonly intervalMs = 50) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.sample();
  }

  sample(): void {
    const usage = process.memoryUsage();
    this.peakHeapUsed = Math.max(this.peakHeapUsed, usage.heapUsed);
    this.peakRss = Math.max(this.peakRss, usage.rss);
    this.samples += 1;
  }

  /** Stops and returns the peaks, plus the share of expected samples that were taken. */
  stop(): { peakHeapUsed: number; peakRss: number; samples: number; expectedSamples: number } {
    clearInterval(this.timer);
    this.sample();
    const expectedSamples = Math.floor((performance.now() - this.started) / this.intervalMs) + 1;
    return { peakHeapUsed: this.peakHeapUsed, peakRss: this.peakRss, samples: this.samples, expectedSamples };
  }
}
