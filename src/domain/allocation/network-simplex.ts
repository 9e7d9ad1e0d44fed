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
  private src: Int32Array;
  private dst: Int32Array;
  private cap: Float64Array;
  private count = 0;
  constructor(nodeCount: number, expectedArcs = 16) {
    this.nodeCount = nodeCount;
    this.src = new Int32Array(expectedArcs);
    this.dst = new Int32Array(expectedArcs);
    this.cap = new Float64Array(expectedArcs);
  }
  /** Adds an arc with capacity `capacity` (Infinity allowed) and returns its index. */
  addArc(from: number, to: number, capacity: number): number {
    if (this.count === this.src.length) {
      const grow = <A extends Int32Array | Float64Array>(a: A): A => {
        const b = new (a.constructor as new (n: number) => A)(a.length * 2);
        b.set(a);
        return b;
      };
      this.src = grow(this.src);
      this.dst = grow(this.dst);
      this.cap = grow(this.cap);
    }
    this.src[this.count] = from;
    this.dst[this.count] = to;
    this.cap[this.count] = capacity;
    return this.count++;
  }
  get arcCount() {
    return this.count;
  }
  /** The arrays the solver works on. */
  freeze() {
    return {
      source: this.src.subarray(0, this.count),
      target: this.dst.subarray(0, this.count),
      capacity: this.cap.subarray(0, this.count),
    };
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
export function solveLevels(network: Network, levels: Array<ArrayLike<number>>, start?: ArrayLike<number>): LevelResult {
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
  for (let e = 0; e < m; e++) {
    const f = start ? start[e] : 0;
    flow[e] = f;
    state[e] = f === 0 ? LOWER : UPPER;
    if (f !== 0 && f !== cap[e]) state[e] = TREE;
    if (f < 0 || f > cap[e]) throw new Error(`start flow on arc ${e} outside its bounds`);
  }
  for (let v = 0; v < n; v++) {
    const e = m + v;
    src[e] = v;
    dst[e] = root;
    cap[e] = 0;
    state[e] = LOWER;
  }
  // Start basis ("crash"): a spanning tree grown from the root along arcs that keep it strongly
  // feasible — every node can send flow up to the root: an arc pointing up must have room
  // (flow < capacity), an arc pointing down must carry flow. Arcs strictly between their bounds
  // must be tree arcs, so a node brings its whole component of such arcs along (a forest when
  // the start is an extreme flow). Nodes out of reach hang from the root by their artificial
  // arc, which carries no flow: the root has no supply and all of them point into it.
  const adjacency = incidence();
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  const component = new Int32Array(n);
  let head = 0;
  let tail = 0;
  const attach = (v: number, par: number, arc: number) => {
    seen[v] = 1;
    parent[v] = par;
    pred[v] = arc;
    predUp[v] = src[arc] === v ? 1 : 0;
    link(v, par);
    queue[tail++] = v;
  };
  const attachComponent = (v: number) => {
    let top = 0;
    component[top++] = v;
    while (top > 0) {
      const u = component[--top];
      for (let i = adjacency.first[u]; i < adjacency.first[u + 1]; i++) {
        const a = adjacency.arcs[i];
        if (state[a] !== TREE) continue;
        const x = src[a] === u ? dst[a] : src[a];
        if (seen[x]) {
          if (pred[u] !== a && pred[x] !== a) throw new Error("the start flow is not extreme: its free arcs form a cycle");
          continue;
        }
        attach(x, u, a);
        component[top++] = x;
      }
    }
  };
  for (let top = 0; top < n; top++) {
    if (seen[top]) continue;
    const e = m + top;
    cap[e] = bigCap + 1;
    state[e] = TREE;
    attach(top, root, e);
    attachComponent(top);
    while (head < tail) {
      const u = queue[head++];
      for (let i = adjacency.first[u]; i < adjacency.first[u + 1]; i++) {
        const a = adjacency.arcs[i];
        const down = src[a] === u;
        const x = down ? dst[a] : src[a];
        if (seen[x] || !(down ? flow[a] > 0 : flow[a] < cap[a])) continue;
        if (state[a] !== TREE) state[a] = TREE;
        attach(x, u, a);
        attachComponent(x);
      }
    }
  }

  /** The arcs at each node (compressed rows). */
  function incidence() {
    const first = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) (first[src[e] + 1]++, first[dst[e] + 1]++);
    for (let v = 0; v < n; v++) first[v + 1] += first[v];
    const fill = first.slice(0, n);
    const arcs = new Int32Array(first[n]);
    for (let e = 0; e < m; e++) ((arcs[fill[src[e]]++] = e), (arcs[fill[dst[e]]++] = e));
    return { first, arcs };
  }

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
  // The direction in which each arc may enter: +1 from its lower bound (when it has capacity),
  // -1 from its upper bound, 0 for tree arcs and frozen ones. An arc improves the cost when
  // -enter[e] * reduced(e) > 0; pricing reads only this, the costs and the potentials.
  const enter = new Int8Array(M);
  const enterable = (e: number) => (frozen[e] || state[e] === TREE ? 0 : state[e] === LOWER ? (cap[e] > 0 ? 1 : 0) : -1);
  for (let e = 0; e < M; e++) enter[e] = enterable(e);
  let pivots = 0;
  // Candidate list pricing: a major scan collects up to LIST improving arcs, minor iterations
  // pivot on the best of them while they still improve (LEMON's factors 0.25 and 0.1).
  const LIST = Math.max(10, Math.ceil(0.25 * Math.sqrt(M)));
  const MINOR = Math.max(3, Math.ceil(0.1 * LIST));
  const list = new Int32Array(LIST);
  let listSize = 0;
  let minor = 0;
  let next = 0;

  function findEntering(): number {
    // Local aliases keep the hot loops on registers rather than closure slots.
    const dir = enter;
    const c = cost;
    const p = pi;
    const from = src;
    const to = dst;
    const candidates = list;
    let best = -1;
    let bestViolation = 0;
    if (listSize > 0 && minor < MINOR) {
      minor++;
      for (let i = 0; i < listSize;) {
        const e = candidates[i];
        const v = -dir[e] * (c[e] + p[from[e]] - p[to[e]]);
        if (v > 0) {
          if (v > bestViolation) {
            bestViolation = v;
            best = e;
          }
          i++;
        } else candidates[i] = candidates[--listSize];
      }
      if (best >= 0) return best;
    }
    minor = 0;
    listSize = 0;
    let e = next;
    for (let count = 0; count < M; count++) {
      const d = dir[e];
      if (d !== 0) {
        const v = -d * (c[e] + p[from[e]] - p[to[e]]);
        if (v > 0) {
          candidates[listSize++] = e;
          if (v > bestViolation) {
            bestViolation = v;
            best = e;
          }
          if (listSize === LIST) {
            e = e + 1 === M ? 0 : e + 1;
            break;
          }
        }
      }
      e = e + 1 === M ? 0 : e + 1;
    }
    next = e;
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
      enter[entering] = enterable(entering);
      return;
    }
    const leaving = pred[leaveNode];
    state[leaving] = flow[leaving] === 0 ? LOWER : UPPER;
    state[entering] = TREE;
    enter[leaving] = enterable(leaving);
    enter[entering] = 0;
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
    listSize = 0;
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
    for (let e = 0; e < M; e++) if (state[e] !== TREE && reduced(e) !== 0) ((frozen[e] = 1), (enter[e] = 0));
  }
  return { flow: flow.slice(0, m), values, pivots, pivotsPerLevel };
}
