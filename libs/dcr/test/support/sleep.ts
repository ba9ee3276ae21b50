/** Waits `ms` milliseconds: for tests of lifetimes measured in whole seconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
