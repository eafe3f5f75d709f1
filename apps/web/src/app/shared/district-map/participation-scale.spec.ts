import { participationSteps, toneOf } from './participation-scale';

describe('participationSteps', () => {
  it('has only the zero class when no municipality is active', () => {
    expect(participationSteps(0)).toEqual([{ tone: 0, min: 0, max: 0, label: '0' }]);
  });

  it('splits larger counts into five classes of equal width after zero', () => {
    expect(participationSteps(12).map((s) => [s.tone, s.label])).toEqual([
      [0, '0'],
      [1, '1–2'],
      [2, '3–4'],
      [3, '5–7'],
      [4, '8–9'],
      [5, '10–12'],
    ]);
  });

  it('uses one class per value when there are fewer than five, spread from light to darkest', () => {
    expect(participationSteps(3).map((s) => [s.tone, s.label])).toEqual([
      [0, '0'],
      [1, '1'],
      [3, '2'],
      [5, '3'],
    ]);
    expect(participationSteps(1).map((s) => [s.tone, s.label])).toEqual([
      [0, '0'],
      [5, '1'],
    ]);
  });

  it('covers every count from 0 to the maximum exactly once', () => {
    for (const top of [1, 2, 5, 6, 7, 13, 20, 47]) {
      const steps = participationSteps(top);
      for (let count = 0; count <= top; count++) {
        expect(steps.filter((s) => count >= s.min && count <= s.max)).toHaveLength(1);
      }
      expect(steps[steps.length - 1].max).toBe(top);
    }
  });
});

describe('toneOf', () => {
  it('finds the tone of the class a count falls into', () => {
    const steps = participationSteps(12);

    expect(toneOf(0, steps)).toBe(0);
    expect(toneOf(2, steps)).toBe(1);
    expect(toneOf(7, steps)).toBe(3);
    expect(toneOf(12, steps)).toBe(5);
    // Above the scale (should not happen): the darkest tone.
    expect(toneOf(40, steps)).toBe(5);
  });
});
