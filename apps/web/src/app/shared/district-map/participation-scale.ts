/** How many colour steps above zero the map uses at most (the stylesheet defines tones 1 to 5). */
export const MAX_STEPS = 5;

/** One class of the colour scale: a range of active municipalities and the tone it is drawn in. */
export interface ParticipationStep {
  /** Colour tone: 0 for no active municipality, 1 (light) to 5 (dark) above that. */
  readonly tone: number;
  readonly min: number;
  readonly max: number;
  /** Legend text, e.g. "0", "3" or "4–6". */
  readonly label: string;
}

/**
 * The classes for counts from 0 to `maxActive`: "0" on its own, then up to five classes of equal
 * width. With fewer distinct values than five there is one class per value; the tones are spread
 * over the whole range so that the highest class is always the darkest.
 */
export function participationSteps(maxActive: number): ParticipationStep[] {
  const steps: ParticipationStep[] = [{ tone: 0, min: 0, max: 0, label: '0' }];
  const top = Math.max(0, Math.floor(maxActive));
  const count = Math.min(MAX_STEPS, top);
  for (let index = 1; index <= count; index++) {
    const min = Math.floor((top * (index - 1)) / count) + 1;
    const max = Math.floor((top * index) / count);
    steps.push({ tone: toneFor(index, count), min, max, label: min === max ? `${min}` : `${min}–${max}` });
  }
  return steps;
}

function toneFor(index: number, count: number): number {
  if (count === 1) {
    return MAX_STEPS;
  }
  return Math.round(1 + ((index - 1) * (MAX_STEPS - 1)) / (count - 1));
}

/** The tone for a count, given the classes from `participationSteps`. */
export function toneOf(activeCount: number, steps: readonly ParticipationStep[]): number {
  const step = steps.find((s) => activeCount >= s.min && activeCount <= s.max);
  if (step) {
    return step.tone;
  }
  return activeCount > 0 ? (steps[steps.length - 1]?.tone ?? 0) : 0;
}
