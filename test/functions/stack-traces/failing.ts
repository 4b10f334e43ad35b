// The line numbers below are asserted by stack-traces.test.ts: keep them where they are.
export function failDeepInside(): never {
  try {
    JSON.parse('{ not json');
  } catch (cause) {
    throw new Error('the store answered nonsense', { cause });
  }
  throw new Error('unreachable');
}
