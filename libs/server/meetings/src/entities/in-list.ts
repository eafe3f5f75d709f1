/** SQL list for CHECK constraints from a contracts enum. */
export const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
