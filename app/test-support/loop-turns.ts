/**
 * Counts turns of the event loop while `work` runs, standing for the UI's work beside it: a task
 * that never yields shows as few turns. `turns()` is the count so far, readable from inside `work`.
 */
export async function countingLoopTurns<T>(work: (turns: () => number) => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let done = false;
  const spin = () => {
    if (done) return;
    turns += 1;
    setImmediate(spin);
  };
  setImmediate(spin);
  try {
    const result = await work(() => turns);
    return { result, turns };
  } finally {
    done = true;
  }
}
