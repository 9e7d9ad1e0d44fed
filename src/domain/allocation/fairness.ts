import type { FlowGraph } from "./max-flow";

export interface Lenders {
  /** The flow graph's node of each administration. */
  node: Int32Array;
  /** The arc from the source to each administration; its flow is the number of people it lends. */
  edge: Int32Array;
  /** How many people each administration may lend at most (the capacity of its arc). */
  units: ArrayLike<number>;
  /** The cost of the k-th person administration a lends (k = 1, 2, …), non-decreasing in k. */
  unitCost: (a: number, k: number) => number;
}

export interface FairestLending {
  /**
   * An optimal dual of the fairness level for every node of the flow graph (the source's is 0):
   * with it, an arc's reduced cost (cost + potential of its tail − potential of its head) is ≥ 0
   * wherever its flow could still rise and ≤ 0 wherever it could fall. The arcs with a reduced
   * cost other than 0 keep their flow in every fairest allocation.
   */
  potential: Float64Array;
  /**
   * Strongly connected components of the residual arcs with reduced cost 0 (at the source by
   * its next and last unit). An arc at a bound whose ends lie in different components keeps its
   * flow in every fairest allocation, even where its reduced cost is 0: only cycles of such arcs
   * lead from one fairest allocation to another.
   */
  component: Int32Array;
  /** People moved from one lender to another. */
  transfers: number;
  /** Searches over the whole graph. */
  rounds: number;
}

/**
 * The fairest spread of lending for the slots the flow already fills. Only the source's arcs
 * carry a cost (convex in the number lent), so the flow is fairest exactly when no administration a
 * can take over a person from an administration b — a residual path from a to b that avoids the
 * source and the sink — at a lower cost: the next person of a costs at least what the last person
 * of b saves. A round labels every node with the cheapest next person of any administration that
 * reaches it (administrations in order of that cost, each searching only unlabelled nodes, so a
 * round reads each arc once), then moves one person to each administration whose label is below its
 * saving, along the search path, if that path is still free. Every move lowers the integer cost, and
 * a round without a move ends it; its labels are then an optimal dual (see `potential`), which the
 * caller checks arc by arc. Paths through the sink would change how many slots of each class are
 * filled and are not taken.
 */
export function fairestLending(graph: FlowGraph, source: number, sink: number, lenders: Lenders): FairestLending {
  const { first, head, residual, partner, forward } = graph.residualGraph();
  const n = graph.nodeCount;
  const A = lenders.node.length;
  const { node, edge, units, unitCost } = lenders;
  const lent = new Float64Array(A);
  for (let a = 0; a < A; a++) lent[a] = residual[partner[forward[edge[a]]]];
  const next = (a: number) => (lent[a] < units[a] ? unitCost(a, lent[a] + 1) : Infinity);
  const last = (a: number) => (lent[a] > 0 ? unitCost(a, lent[a]) : -Infinity);
  const label = new Float64Array(n);
  const origin = new Int32Array(n);
  /** The slot through which the search reached each node (−1 at its administration). */
  const via = new Int32Array(n);
  const queue = new Int32Array(n);
  const nextCost = new Float64Array(A);
  const lastCost = new Float64Array(A);
  const cheapestFirst = Array.from({ length: A }, (_, a) => a);
  const dearestFirst = cheapestFirst.slice();
  let transfers = 0;
  let rounds = 0;
  for (;;) {
    rounds++;
    label.fill(Infinity);
    for (let a = 0; a < A; a++) {
      nextCost[a] = next(a);
      lastCost[a] = last(a);
    }
    cheapestFirst.sort((x, y) => nextCost[x] - nextCost[y] || x - y);
    for (const a of cheapestFirst) {
      if (nextCost[a] === Infinity) break;
      const start = node[a];
      if (label[start] !== Infinity) continue;
      label[start] = nextCost[a];
      origin[start] = a;
      via[start] = -1;
      let qh = 0;
      let qt = 0;
      queue[qt++] = start;
      while (qh < qt) {
        const u = queue[qh++];
        for (let s = first[u]; s < first[u + 1]; s++) {
          const x = head[s];
          if (residual[s] <= 0 || label[x] !== Infinity || x === source || x === sink) continue;
          label[x] = nextCost[a];
          origin[x] = a;
          via[x] = s;
          queue[qt++] = x;
        }
      }
    }
    let moved = false;
    dearestFirst.sort((x, y) => lastCost[y] - lastCost[x] || x - y);
    for (const b of dearestFirst) {
      const end = node[b];
      if (!(label[end] < last(b))) continue;
      const a = origin[end];
      if (!(next(a) < last(b))) continue;
      let v = end;
      while (via[v] >= 0 && residual[via[v]] >= 1) v = head[partner[via[v]]];
      if (via[v] >= 0) continue; // an earlier move of this round took part of the path
      for (v = end; via[v] >= 0; v = head[partner[via[v]]]) {
        residual[via[v]] -= 1;
        residual[partner[via[v]]] += 1;
      }
      const fa = forward[edge[a]];
      residual[fa] -= 1;
      residual[partner[fa]] += 1;
      const fb = forward[edge[b]];
      residual[fb] += 1;
      residual[partner[fb]] -= 1;
      lent[a]++;
      lent[b]--;
      transfers++;
      moved = true;
    }
    if (!moved) break;
  }
  // Unlabelled nodes reach no administration that could lend more: any value at least every label
  // and every unit cost keeps their arcs' reduced costs on the right side.
  let top = 0;
  for (let v = 0; v < n; v++) if (label[v] !== Infinity && label[v] > top) top = label[v];
  for (let a = 0; a < A; a++) if (units[a] > 0) top = Math.max(top, unitCost(a, units[a]));
  const potential = new Float64Array(n);
  for (let v = 0; v < n; v++) potential[v] = label[v] === Infinity ? top : label[v];
  potential[source] = 0;
  const adminOf = new Int32Array(n).fill(-1);
  for (let a = 0; a < A; a++) adminOf[node[a]] = a;
  const component = stronglyConnected(n, first, head, (s, u) => {
    const v = head[s];
    if (residual[s] <= 0 || u === sink || v === sink) return false;
    if (u === source) return lent[adminOf[v]] < units[adminOf[v]] && unitCost(adminOf[v], lent[adminOf[v]] + 1) === potential[v];
    if (v === source) return lent[adminOf[u]] > 0 && unitCost(adminOf[u], lent[adminOf[u]]) === potential[u];
    return potential[u] === potential[v];
  });
  return { potential, component, transfers, rounds };
}

/** Tarjan's strongly connected components over the slots that `uses` lets through, without recursion. */
function stronglyConnected(n: number, first: Int32Array, head: Int32Array, uses: (slot: number, from: number) => boolean): Int32Array {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const path = new Int32Array(n);
  const slot = new Int32Array(n);
  let counter = 0;
  let components = 0;
  let top = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    let depth = 0;
    path[0] = root;
    slot[0] = first[root];
    index[root] = low[root] = counter++;
    stack[top++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const u = path[depth];
      const s = slot[depth];
      if (s < first[u + 1]) {
        slot[depth] = s + 1;
        if (!uses(s, u)) continue;
        const v = head[s];
        if (index[v] < 0) {
          index[v] = low[v] = counter++;
          stack[top++] = v;
          onStack[v] = 1;
          path[++depth] = v;
          slot[depth] = first[v];
        } else if (onStack[v] && index[v] < low[u]) low[u] = index[v];
        continue;
      }
      if (low[u] === index[u]) {
        let v: number;
        do {
          v = stack[--top];
          onStack[v] = 0;
          component[v] = components;
        } while (v !== u);
        components++;
      }
      depth--;
      if (depth >= 0 && low[u] < low[path[depth]]) low[path[depth]] = low[u];
    }
  }
  return component;
}
