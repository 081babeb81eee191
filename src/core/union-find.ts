/**
 * The root of `i` in a disjoint-set forest (`parent[i] === i` at a root), compressing the path on the way: later
 * finds of the same members are one step. Join two sets with `parent[findRoot(parent, a)] = findRoot(parent, b)`.
 */
export function findRoot(parent: number[], i: number): number {
  let root = i;
  while (parent[root] !== root) {
    root = parent[root] as number;
  }
  while (parent[i] !== root) {
    const next = parent[i] as number;
    parent[i] = root;
    i = next;
  }
  return root;
}
