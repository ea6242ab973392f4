// `ff` on a Mantine input would also set its label and description in monospace: codes and
// JSON are typed in monospace, the words around them stay in the text font.
export const monoInput = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } as const;
export const codeArea = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } } as const;
// Whole đồng with Vietnamese grouping (1.500.000): the API takes integer VND.
export const vndInput = { thousandSeparator: '.', decimalSeparator: ',', allowDecimal: false, allowNegative: false, suffix: ' đ', min: 0 } as const;
