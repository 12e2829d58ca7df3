/** Directed-cycle search over the giver → receiver graph (ring check); pure, so it is tested on its own. */

/**
 * Every simple directed cycle of length minLength..maxLength, each once: a cycle is reported from its smallest
 * node, visiting only larger nodes, so rotations never repeat. Bounded depth keeps this linear in practice on
 * transfer graphs (a few edges per account).
 */
export function simpleCycles(edges: Iterable<[string, string]>, minLength: number, maxLength: number): string[][] {
  const out = new Map<string, string[]>();
  for (const [a, b] of edges) {
    if (a === b) continue;
    const list = out.get(a) ?? [];
    list.push(b);
    out.set(a, list);
  }
  const cycles: string[][] = [];
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (start: string, node: string) => {
    for (const next of out.get(node) ?? []) {
      if (next === start && path.length >= minLength) cycles.push([...path]);
      if (next <= start || onPath.has(next) || path.length >= maxLength) continue;
      path.push(next);
      onPath.add(next);
      visit(start, next);
      path.pop();
      onPath.delete(next);
    }
  };
  for (const start of [...out.keys()].sort()) {
    path.push(start);
    onPath.add(start);
    visit(start, start);
    path.pop();
    onPath.delete(start);
  }
  return cycles;
}

/** Groups of nodes that share a cycle, transitively (union-find over the cycles' members), each sorted. */
export function mergeGroups(cycles: string[][]): { members: string[]; cycles: string[][] }[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  for (const c of cycles) for (const n of c.slice(1)) parent.set(find(n), find(c[0]));
  const groups = new Map<string, { members: Set<string>; cycles: string[][] }>();
  for (const c of cycles) {
    const root = find(c[0]);
    const g = groups.get(root) ?? { members: new Set<string>(), cycles: [] };
    c.forEach((n) => g.members.add(n));
    g.cycles.push(c);
    groups.set(root, g);
  }
  return [...groups.values()].map((g) => ({ members: [...g.members].sort(), cycles: g.cycles }));
}

/** Round trips of a pair: each A→B time matched to the first unused B→A time within `days` after it. */
export function roundTrips(aToB: Date[], bToA: Date[], days: number): number {
  const back = [...bToA].sort((x, y) => x.getTime() - y.getTime());
  const used = new Array<boolean>(back.length).fill(false);
  let n = 0;
  for (const t of [...aToB].sort((x, y) => x.getTime() - y.getTime())) {
    const k = back.findIndex(
      (u, i) => !used[i] && u.getTime() >= t.getTime() && u.getTime() - t.getTime() <= days * 86_400_000,
    );
    if (k >= 0) {
      used[k] = true;
      n++;
    }
  }
  return n;
}
