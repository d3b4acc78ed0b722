/** Amounts of whole đồng (strings of digits) added exactly. */
export const add = (...amounts: string[]): string =>
  amounts.reduce((sum, amount) => sum + BigInt(amount), 0n).toString();
