/**
 * Primal network simplex for min-cost circulations on typed arrays (no I/O).
 *
 * The supplies are implied by a feasible start flow (zero: a circulation). The start basis is a
 * strongly feasible spanning tree grown from that flow, joined to an artificial root by arcs
 * that never carry flow, so no big-M costs are needed. Entering arcs are chosen by block search
 * (the best arc of the next block that has one); the leaving arc by the strongly feasible rule (the
 * last blocking arc of the cycle, as LEMON does), which prevents cycling on degenerate pivots. The
 * tree keeps each node's subtree size, which finds the cycle's apex and lets a pivot shift the
 * potentials of the moved subtree by one constant. The solver is a class with typed-array
 * fields (not closures), so that V8 optimises its hot loops once and keeps them optimised.
 *
 * `solveLevels` optimises several cost vectors in strict priority order: after each level, every
 * arc whose reduced cost is not zero stays at its bound (the optimal face, by complementary
 * slackness), and the next level continues from the same basis on the remaining arcs. All sums
 * stay integers; the caller keeps each level's costs small enough that no sum exceeds 2^53.
 */

/** Block search sizes: BLOCK_FACTOR · √arcs, at least MIN_BLOCK (measured in bench/allocation.ts). */
const BLOCK_FACTOR = 0.05;
const MIN_BLOCK = 100;
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
 * vector has one entry per arc of `network`; `start` is a feasible flow (default: zero).
 * Capacities must be non-negative integers or Infinity.
 */
export function solveLevels(network: Network, levels: Array<ArrayLike<number>>, start?: ArrayLike<number>): LevelResult {
  const simplex = new Simplex(network, start);
  const values: number[] = [];
  const pivotsPerLevel: number[] = [];
  for (const level of levels) {
    const before = simplex.pivots;
    values.push(simplex.optimise(level));
    pivotsPerLevel.push(simplex.pivots - before);
    simplex.keepOptimalFace();
  }
  return { flow: simplex.flow.slice(0, network.arcCount), values, pivots: simplex.pivots, pivotsPerLevel };
}

class Simplex {
  readonly n: number;
  readonly m: number;
  readonly M: number;
  readonly root: number;
  readonly src: Int32Array;
  readonly dst: Int32Array;
  readonly cap: Float64Array;
  readonly cost: Float64Array;
  readonly flow: Float64Array;
  readonly state: Int8Array;
  readonly frozen: Uint8Array;
  /**
   * The direction in which each arc may enter: +1 from its lower bound (when it has capacity),
   * -1 from its upper bound, 0 for tree arcs and frozen ones. An arc improves the cost when
   * -enter[e] * reduced cost > 0; pricing reads only this, the costs and the potentials.
   */
  readonly enter: Int8Array;
  readonly parent: Int32Array;
  readonly pred: Int32Array;
  /** 1: the pred arc goes from the node up to its parent. */
  readonly predUp: Uint8Array;
  /**
   * Room to push flow along each node's pred arc up to its parent, and down from it: copies of
   * the pred arc's state kept by node, so that a pivot's walk round the cycle reads small arrays
   * in cache instead of the arcs' flows and capacities at random.
   */
  readonly roomUp: Float64Array;
  readonly roomDown: Float64Array;
  /** Number of nodes in each node's subtree (itself included): an ancestor's is always larger. */
  readonly succ: Int32Array;
  readonly pi: Float64Array;
  readonly firstChild: Int32Array;
  readonly nextSib: Int32Array;
  readonly prevSib: Int32Array;
  readonly stack: Int32Array;
  /** Arcs per block of the pricing scan. */
  readonly BLOCK: number;
  next = 0;
  pivots = 0;

  constructor(network: Network, start?: ArrayLike<number>) {
    const { source, target, capacity } = network.freeze();
    const n = (this.n = network.nodeCount);
    const m = (this.m = network.arcCount);
    const root = (this.root = n);
    const N = n + 1;
    const M = (this.M = m + n); // caller's arcs, then one artificial arc per node
    const src = (this.src = new Int32Array(M));
    const dst = (this.dst = new Int32Array(M));
    const cap = (this.cap = new Float64Array(M));
    this.cost = new Float64Array(M);
    const flow = (this.flow = new Float64Array(M));
    const state = (this.state = new Int8Array(M));
    this.frozen = new Uint8Array(M);
    this.enter = new Int8Array(M);
    src.set(source);
    dst.set(target);
    // More than any arc can carry: every finite capacity, and every unit of the start flow (which
    // bounds the supplies it implies).
    let bigCap = 0;
    for (let e = 0; e < m; e++) bigCap += (Number.isFinite(capacity[e]) ? capacity[e] : 0) + (start ? start[e] : 0);
    for (let e = 0; e < m; e++) cap[e] = Number.isFinite(capacity[e]) ? capacity[e] : bigCap + 1;
    const parent = (this.parent = new Int32Array(N));
    const pred = (this.pred = new Int32Array(N));
    this.predUp = new Uint8Array(N);
    this.roomUp = new Float64Array(N);
    this.roomDown = new Float64Array(N);
    this.succ = new Int32Array(N);
    this.pi = new Float64Array(N);
    this.firstChild = new Int32Array(N).fill(-1);
    this.nextSib = new Int32Array(N).fill(-1);
    this.prevSib = new Int32Array(N).fill(-1);
    this.stack = new Int32Array(N);
    this.BLOCK = Math.max(MIN_BLOCK, Math.ceil(BLOCK_FACTOR * Math.sqrt(M)));
    parent[root] = -1;
    pred[root] = -1;
    for (let e = 0; e < m; e++) {
      const f = start ? start[e] : 0;
      if (f < 0 || f > cap[e]) throw new Error(`start flow on arc ${e} outside its bounds`);
      flow[e] = f;
      state[e] = f === 0 ? LOWER : f === cap[e] ? UPPER : TREE;
    }
    for (let v = 0; v < n; v++) {
      const e = m + v;
      src[e] = v;
      dst[e] = root;
      cap[e] = 0;
      state[e] = LOWER;
    }
    this.crash(bigCap);
    for (let e = 0; e < M; e++) this.enter[e] = this.enterable(e);
  }

  /**
   * Start basis: a spanning tree grown from the root along arcs that keep it strongly feasible —
   * every node can send flow up to the root: an arc pointing up must have room (flow <
   * capacity), an arc pointing down must carry flow. Arcs strictly between their bounds must be
   * tree arcs, so a node brings its whole component of such arcs along (a forest when the start
   * is an extreme flow). Nodes out of reach hang from the root by their artificial arc, which
   * carries no flow: the root has no supply and all of them point into it.
   */
  private crash(bigCap: number) {
    const { n, m, src, dst, cap, flow, state, parent, pred, predUp, root } = this;
    // The arcs at each node (compressed rows).
    const first = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) (first[src[e] + 1]++, first[dst[e] + 1]++);
    for (let v = 0; v < n; v++) first[v + 1] += first[v];
    const fill = first.slice(0, n);
    const arcs = new Int32Array(first[n]);
    for (let e = 0; e < m; e++) ((arcs[fill[src[e]]++] = e), (arcs[fill[dst[e]]++] = e));
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
      this.link(v, par);
      queue[tail++] = v;
    };
    const attachComponent = (v: number) => {
      let top = 0;
      component[top++] = v;
      while (top > 0) {
        const u = component[--top];
        for (let i = first[u]; i < first[u + 1]; i++) {
          const a = arcs[i];
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
        for (let i = first[u]; i < first[u + 1]; i++) {
          const a = arcs[i];
          const down = src[a] === u;
          const x = down ? dst[a] : src[a];
          if (seen[x] || !(down ? flow[a] > 0 : flow[a] < cap[a])) continue;
          state[a] = TREE;
          attach(x, u, a);
          attachComponent(x);
        }
      }
    }
    // Subtree sizes: every node was queued after its parent, so count in reverse.
    const { succ } = this;
    succ.fill(1);
    for (let i = tail - 1; i >= 0; i--) succ[parent[queue[i]]] += succ[queue[i]];
    for (let v = 0; v < n; v++) this.measureRoom(v);
  }

  /** Sets the room along `v`'s pred arc from the arc's flow and capacity. */
  private measureRoom(v: number) {
    const e = this.pred[v];
    const spare = this.cap[e] - this.flow[e];
    this.roomUp[v] = this.predUp[v] ? spare : this.flow[e];
    this.roomDown[v] = this.predUp[v] ? this.flow[e] : spare;
  }

  private enterable(e: number): number {
    if (this.frozen[e] || this.state[e] === TREE) return 0;
    return this.state[e] === LOWER ? (this.cap[e] > 0 ? 1 : 0) : -1;
  }

  private reduced(e: number): number {
    return this.cost[e] + this.pi[this.src[e]] - this.pi[this.dst[e]];
  }

  private link(child: number, par: number) {
    const { firstChild, nextSib, prevSib } = this;
    const first = firstChild[par];
    nextSib[child] = first;
    prevSib[child] = -1;
    if (first >= 0) prevSib[first] = child;
    firstChild[par] = child;
  }

  private unlink(child: number, par: number) {
    const { firstChild, nextSib, prevSib } = this;
    const p = prevSib[child];
    const nx = nextSib[child];
    if (p >= 0) nextSib[p] = nx;
    else firstChild[par] = nx;
    if (nx >= 0) prevSib[nx] = p;
    nextSib[child] = prevSib[child] = -1;
  }

  /** Recomputes the potentials below `top` from its own (already set) value. */
  private refreshSubtree(top: number) {
    const { stack, firstChild, nextSib, pred, pi, predUp, cost } = this;
    let sp = 0;
    stack[sp++] = top;
    while (sp > 0) {
      const u = stack[--sp];
      for (let c = firstChild[u]; c >= 0; c = nextSib[c]) {
        const e = pred[c];
        // Tree arcs have zero reduced cost: cost + pi[src] - pi[dst] = 0.
        pi[c] = predUp[c] ? pi[u] - cost[e] : pi[u] + cost[e];
        stack[sp++] = c;
      }
    }
  }

  /** Optimises one cost vector from the current basis; returns its optimal value. */
  optimise(level: ArrayLike<number>): number {
    const { m, cost, flow } = this;
    for (let e = 0; e < m; e++) cost[e] = level[e];
    this.pi[this.root] = 0;
    this.refreshSubtree(this.root);
    for (;;) {
      const entering = this.findEntering();
      if (entering < 0) break;
      this.pivot(entering);
      this.pivots++;
    }
    let value = 0;
    for (let e = 0; e < m; e++) value += cost[e] * flow[e];
    return value;
  }

  /** Keeps the optimal face: arcs with non-zero reduced cost stay where they are. */
  keepOptimalFace() {
    for (let e = 0; e < this.M; e++)
      if (this.state[e] !== TREE && this.reduced(e) !== 0) {
        this.frozen[e] = 1;
        this.enter[e] = 0;
      }
  }

  /** Block search: the arc that improves most within the next block that has an improving arc. */
  private findEntering(): number {
    const { enter: dir, cost: c, pi: p, src: from, dst: to, M, BLOCK } = this;
    let best = -1;
    let bestViolation = 0;
    let e = this.next;
    // Blocks end at the last arc, so that the inner loop needs no wrap-around test.
    for (let scanned = 0; scanned < M;) {
      const end = Math.min(e + BLOCK, M);
      scanned += end - e;
      for (; e < end; e++) {
        const d = dir[e];
        if (d !== 0) {
          const v = -d * (c[e] + p[from[e]] - p[to[e]]);
          if (v > bestViolation) {
            bestViolation = v;
            best = e;
          }
        }
      }
      if (e === M) e = 0;
      if (best >= 0) break;
    }
    this.next = e;
    return best;
  }

  private pivot(entering: number) {
    const { state, src, dst, succ, parent, cap, pred, predUp, flow, pi, cost, roomUp, roomDown } = this;
    const first = state[entering] === LOWER ? src[entering] : dst[entering];
    const second = state[entering] === LOWER ? dst[entering] : src[entering];
    // Join of the cycle.
    let a = first;
    let b = second;
    while (a !== b) {
      // A node with the smaller subtree is no ancestor of the other.
      if (succ[a] < succ[b]) a = parent[a];
      else b = parent[b];
    }
    const join = a;
    let delta = cap[entering];
    let leaveNode = -1; // the node whose pred arc leaves; -1: the entering arc itself
    let side = 0;
    for (let u = first; u !== join; u = parent[u]) {
      const d = roomDown[u];
      if (d < delta) {
        delta = d;
        leaveNode = u;
        side = 1;
      }
    }
    for (let u = second; u !== join; u = parent[u]) {
      const d = roomUp[u];
      if (d <= delta) {
        delta = d;
        leaveNode = u;
        side = 2;
      }
    }
    if (delta > 0) {
      flow[entering] += state[entering] * delta;
      for (let u = first; u !== join; u = parent[u]) {
        flow[pred[u]] += predUp[u] ? -delta : delta;
        roomDown[u] -= delta;
        roomUp[u] += delta;
      }
      for (let u = second; u !== join; u = parent[u]) {
        flow[pred[u]] += predUp[u] ? delta : -delta;
        roomUp[u] -= delta;
        roomDown[u] += delta;
      }
    }
    if (leaveNode < 0) {
      state[entering] = state[entering] === LOWER ? UPPER : LOWER;
      this.enter[entering] = this.enterable(entering);
      return;
    }
    const leaving = pred[leaveNode];
    state[leaving] = flow[leaving] === 0 ? LOWER : UPPER;
    state[entering] = TREE;
    this.enter[leaving] = this.enterable(leaving);
    this.enter[entering] = 0;
    // Re-hang the subtree that contains the entering arc's endpoint on the leaving side: it leaves
    // the ancestors of its old place below the apex and joins those of its new place.
    const inNode = side === 1 ? first : second;
    const outside = side === 1 ? second : first;
    const size = succ[leaveNode];
    for (let v = parent[leaveNode]; v !== join; v = parent[v]) succ[v] -= size;
    for (let v = outside; v !== join; v = parent[v]) succ[v] += size;
    // Its potentials move by one constant: the entering arc's reduced cost becomes zero.
    const shift = src[entering] === inNode ? pi[outside] - cost[entering] - pi[inNode] : pi[outside] + cost[entering] - pi[inNode];
    // Along the stem from inNode to leaveNode the parent links turn round: cutting a stem node
    // from its old child on the stem leaves the moved subtree without that child's old subtree.
    let u = inNode;
    let newSize = size;
    let newParent = outside;
    let newPred = entering;
    let newUp = src[entering] === inNode ? 1 : 0;
    for (;;) {
      const oldParent = parent[u];
      const oldPred = pred[u];
      const oldUp = predUp[u];
      const oldSize = succ[u];
      succ[u] = newSize;
      this.unlink(u, oldParent);
      parent[u] = newParent;
      pred[u] = newPred;
      predUp[u] = newUp;
      this.measureRoom(u);
      this.link(u, newParent);
      if (u === leaveNode) break;
      newParent = u;
      newPred = oldPred;
      newUp = oldUp ? 0 : 1;
      newSize = size - oldSize;
      u = oldParent;
    }
    this.shiftSubtree(inNode, shift);
  }

  /** Adds `shift` to the potential of every node in the subtree of `top`. */
  private shiftSubtree(top: number, shift: number) {
    const { stack, firstChild, nextSib, pi } = this;
    let sp = 0;
    stack[sp++] = top;
    while (sp > 0) {
      const u = stack[--sp];
      pi[u] += shift;
      for (let c = firstChild[u]; c >= 0; c = nextSib[c]) stack[sp++] = c;
    }
  }
}
