/** One ordering for every sorted list of paths (the files of a run, shards, merged results), so they agree. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
