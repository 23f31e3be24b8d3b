/** Time source for the client: injected so that tests never sleep. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export function realClock(): Clock {
  return {
    now: () => Date.now(),
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        setTimeout(resolve, Math.max(0, ms));
      }),
  };
}

/** A clock for tests: `sleep` records the delay, advances `now` by it and resolves at once. */
export interface RecordingClock extends Clock {
  readonly sleeps: number[];
  advance(ms: number): void;
}

export function recordingClock(startMs = 0): RecordingClock {
  let t = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    sleep: (ms: number) => {
      sleeps.push(ms);
      t += ms;
      return Promise.resolve();
    },
  };
}
