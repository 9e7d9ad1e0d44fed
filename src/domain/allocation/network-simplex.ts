/**
 * Primal network simplex for min-cost circulations on typed arrays (no I/O).
 *
 * The network has zero supplies everywhere (a circulation: the allocation closes its flow with a
 * return arc from sink to source). An artificial root joins every node with a zero-capacity arc,
 * so the start is a feasible, strongly feasible spanning tree without big-M costs. Entering arcs
 * are chosen by block search; the leaving arc by the strongly feasible rule (the last blocking
 * arc of the cycle, as LEMON does), which prevents cycling on degenerate pivots.
 *
 * `solveLevels` optimises several cost vectors in strict priority order: after each level, every
 * arc whose reduced cost is not zero stays at its bound (the optimal face, by complementary
 * slackness), and the next level continues from the same basis on the remaining arcs. All sums
 * stay integers; the caller keeps each level's costs small enough that no sum exceeds 2^53.
 */

const TREE = 0;
const LOWER = 1;
const UPPER = -1;

/** A network under construction: nodes 0..n-1, arcs added one by one. */
export class Network {
  readonly nodeCount: number;
  private src: number[] = [];
  private dst: number[] = [];
  private cap: number[] = [];
  constructor(nodeCount: number) {
    this.nodeCount = nodeCount;
  }
  /** Adds an arc with capacity `capacity` (Infinity allowed) and returns its index. */
  addArc(from: number, to: number, capacity: number): number {
    this.src.push(from);
    this.dst.push(to);
    this.cap.push(capacity);
    return this.src.length - 1;
  }
  get arcCount() {
    return this.src.length;
  }
  /** The arrays the solver works on. */
  freeze() {
    return { source: Int32Array.from(this.src), target: Int32Array.from(this.dst), capacity: Float64Array.from(this.cap) };
  }
}

export interface LevelResult {
  /** Flow on each of the caller's arcs. */
  flow: Float64Array;
  /** Optimal value of each level's cost, in order. */
  values: number[];
  pivots: number;
  /** Pivots spent on each level. */
  pivotsPerLevel: number[];
}

/**
 * Minimises `levels[0]`, then `levels[1]` among the optima of the first, and so on. Each cost
 * vector has one entry per arc of `network`. Capacities must be non-negative integers or Infinity.
 */
export function solveLevels(network: Network, levels: Array<ArrayLike<number>>): LevelResult {
  const { source, target, capacity } = network.freeze();
  const n = network.nodeCount;
  const m = network.arcCount;
  const root = n;
  const N = n + 1;
  const M = m + n; // caller's arcs, then one artificial arc per node
  const src = new Int32Array(M);
  const dst = new Int32Array(M);
  const cap = new Float64Array(M);
  const cost = new Float64Array(M);
  const flow = new Float64Array(M);
  const state = new Int8Array(M);
  const frozen = new Uint8Array(M);
  src.set(source);
  dst.set(target);
  let bigCap = 0;
  for (let e = 0; e < m; e++) if (Number.isFinite(capacity[e])) bigCap += capacity[e];
  for (let e = 0; e < m; e++) cap[e] = Number.isFinite(capacity[e]) ? capacity[e] : bigCap + 1;
  // Spanning tree: every node hangs from the root by its artificial arc (capacity 0).
  const parent = new Int32Array(N);
  const pred = new Int32Array(N);
  const predUp = new Uint8Array(N); // 1: the pred arc goes from the node up to its parent
  const depth = new Int32Array(N);
  const pi = new Float64Array(N);
  const firstChild = new Int32Array(N).fill(-1);
  const nextSib = new Int32Array(N).fill(-1);
  const prevSib = new Int32Array(N).fill(-1);
  parent[root] = -1;
  pred[root] = -1;
  for (let v = 0; v < n; v++) {
    const e = m + v;
    src[e] = v;
    dst[e] = root;
    cap[e] = 0;
    state[e] = TREE;
    parent[v] = root;
    pred[v] = e;
    predUp[v] = 1;
    depth[v] = 1;
    link(v, root);
  }
  for (let e = 0; e < m; e++) state[e] = LOWER;

  function link(child: number, par: number) {
    const first = firstChild[par];
    nextSib[child] = first;
    prevSib[child] = -1;
    if (first >= 0) prevSib[first] = child;
    firstChild[par] = child;
  }
  function unlink(child: number, par: number) {
    const p = prevSib[child];
    const nx = nextSib[child];
    if (p >= 0) nextSib[p] = nx;
    else firstChild[par] = nx;
    if (nx >= 0) prevSib[nx] = p;
    nextSib[child] = prevSib[child] = -1;
  }

  const stack = new Int32Array(N);
  /** Recomputes potentials and depths below `top` from its own (already set) values. */
  function refreshSubtree(top: number) {
    let sp = 0;
    stack[sp++] = top;
    while (sp > 0) {
      const u = stack[--sp];
      for (let c = firstChild[u]; c >= 0; c = nextSib[c]) {
        const e = pred[c];
        depth[c] = depth[u] + 1;
        // Tree arcs have zero reduced cost: cost + pi[src] - pi[dst] = 0.
        pi[c] = predUp[c] ? pi[u] - cost[e] : pi[u] + cost[e];
        stack[sp++] = c;
      }
    }
  }

  const reduced = (e: number) => cost[e] + pi[src[e]] - pi[dst[e]];
  let pivots = 0;
  const blockSize = Math.max(10, Math.ceil(Math.sqrt(M)));
  let next = 0;

  function findEntering(): number {
    let best = -1;
    let bestViolation = 0;
    let scanned = 0;
    for (let count = 0; count < M; count++) {
      const e = next;
      next = next + 1 === M ? 0 : next + 1;
      if (state[e] !== TREE && !frozen[e]) {
        const violation = state[e] * reduced(e); // LOWER: -rc > 0 wanted; UPPER: rc > 0 wanted
        const v = -violation;
        if (v > bestViolation && (state[e] === LOWER ? cap[e] > 0 : true)) {
          bestViolation = v;
          best = e;
        }
      }
      if (++scanned >= blockSize) {
        if (best >= 0) return best;
        scanned = 0;
      }
    }
    return best;
  }

  function pivot(entering: number) {
    const first = state[entering] === LOWER ? src[entering] : dst[entering];
    const second = state[entering] === LOWER ? dst[entering] : src[entering];
    // Join of the cycle.
    let a = first;
    let b = second;
    while (a !== b) {
      if (depth[a] > depth[b]) a = parent[a];
      else if (depth[b] > depth[a]) b = parent[b];
      else {
        a = parent[a];
        b = parent[b];
      }
    }
    const join = a;
    let delta = cap[entering];
    let leaveNode = -1; // the node whose pred arc leaves; -1: the entering arc itself
    let side = 0;
    for (let u = first; u !== join; u = parent[u]) {
      const e = pred[u];
      const d = predUp[u] ? flow[e] : cap[e] - flow[e];
      if (d < delta) {
        delta = d;
        leaveNode = u;
        side = 1;
      }
    }
    for (let u = second; u !== join; u = parent[u]) {
      const e = pred[u];
      const d = predUp[u] ? cap[e] - flow[e] : flow[e];
      if (d <= delta) {
        delta = d;
        leaveNode = u;
        side = 2;
      }
    }
    if (delta > 0) {
      const signed = state[entering] * delta;
      flow[entering] += signed;
      for (let u = first; u !== join; u = parent[u]) flow[pred[u]] += predUp[u] ? -delta : delta;
      for (let u = second; u !== join; u = parent[u]) flow[pred[u]] += predUp[u] ? delta : -delta;
    }
    if (leaveNode < 0) {
      state[entering] = state[entering] === LOWER ? UPPER : LOWER;
      return;
    }
    const leaving = pred[leaveNode];
    state[leaving] = flow[leaving] === 0 ? LOWER : UPPER;
    state[entering] = TREE;
    // Re-hang the subtree that contains the entering arc's endpoint on the leaving side.
    const inNode = side === 1 ? first : second;
    const outside = side === 1 ? second : first;
    let u = inNode;
    let newParent = outside;
    let newPred = entering;
    let newUp = src[entering] === inNode ? 1 : 0;
    for (;;) {
      const oldParent = parent[u];
      const oldPred = pred[u];
      const oldUp = predUp[u];
      unlink(u, oldParent);
      parent[u] = newParent;
      pred[u] = newPred;
      predUp[u] = newUp;
      link(u, newParent);
      if (u === leaveNode) break;
      newParent = u;
      newPred = oldPred;
      newUp = oldUp ? 0 : 1;
      u = oldParent;
    }
    // Potentials and depths of the moved subtree follow from its new attachment.
    const e = pred[inNode];
    depth[inNode] = depth[outside] + 1;
    pi[inNode] = predUp[inNode] ? pi[outside] - cost[e] : pi[outside] + cost[e];
    refreshSubtree(inNode);
  }

  const values: number[] = [];
  const pivotsPerLevel: number[] = [];
  for (const level of levels) {
    const before = pivots;
    for (let e = 0; e < m; e++) cost[e] = level[e];
    pi[root] = 0;
    refreshSubtree(root);
    for (;;) {
      const entering = findEntering();
      if (entering < 0) break;
      pivot(entering);
      pivots++;
    }
    let value = 0;
    for (let e = 0; e < m; e++) value += cost[e] * flow[e];
    values.push(value);
    pivotsPerLevel.push(pivots - before);
    // Keep the optimal face: arcs with non-zero reduced cost stay where they are.
    for (let e = 0; e < M; e++) if (state[e] !== TREE && reduced(e) !== 0) frozen[e] = 1;
  }
  return { flow: flow.slice(0, m), values, pivots, pivotsPerLevel };
}
