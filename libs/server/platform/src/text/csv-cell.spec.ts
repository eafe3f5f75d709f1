import { describe, expect, it } from 'vitest';
import { csvCell } from './csv-cell';

describe('csvCell', () => {
  it('turns formulas into text and leaves ordinary values alone', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(csvCell('+49 345')).toBe(`'+49 345`);
    expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCell('-1')).toBe(`'-1`);
    expect(csvCell('Halle (Saale)')).toBe('Halle (Saale)');
    expect(csvCell(null)).toBe('');
  });
});
