/**
 * Dinic's maximum flow on typed arrays (no I/O). Flow persists between calls, so capacities can
 * be raised and `augment` continues from the current flow — which is how the allocation fills
 * crisis slots first, then urgent, then normal ones without ever giving back a higher class's slot.
 *
 * Arcs are collected first and then laid out per node (compressed rows: each node's arcs and the
 * reverse halves of arcs into it side by side), so that the searches read memory in order.
 */
export class FlowGraph {
  readonly nodeCount: number;
  private from: Int32Array;
  private to: Int32Array;
  private capacity: Float64Array;
  private count = 0;
  private laidOut = false;
  // The layout, built when the first flow is sent. Slots of node v: first[v] .. first[v + 1] - 1.
  private first = new Int32Array(0);
  private head = new Int32Array(0);
  private residual = new Float64Array(0);
  /** The slot of the other half of the same arc. */
  private partner = new Int32Array(0);
  /** The forward slot of each arc. */
  private forward = new Int32Array(0);

  /** `expectedArcs`: how many arcs will be added. */
  constructor(nodeCount: number, expectedArcs = 16) {
    this.nodeCount = nodeCount;
    this.from = new Int32Array(expectedArcs);
    this.to = new Int32Array(expectedArcs);
    this.capacity = new Float64Array(expectedArcs);
  }

  /** Adds an arc and returns its index (arcs are added before the first flow is sent). */
  addEdge(from: number, to: number, capacity: number): number {
    if (this.laidOut) throw new Error("arcs are added before the first flow is sent");
    if (this.count === this.from.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2 + 2);
        b.set(a);
        return b;
      };
      this.from = grow(this.from);
      this.to = grow(this.to);
      this.capacity = grow(this.capacity);
    }
    this.from[this.count] = from;
    this.to[this.count] = to;
    this.capacity[this.count] = capacity;
    return this.count++;
  }

  /**
   * Builds the layout, once: the methods below call it only while `laidOut` is false, so its loops
   * are compiled for the full build (an early return inside it made V8 throw away the compiled
   * code of every caller at each new graph).
   */
  private layout() {
    this.laidOut = true;
    const n = this.nodeCount;
    const m = this.count;
    const first = (this.first = new Int32Array(n + 1));
    for (let e = 0; e < m; e++) {
      first[this.from[e] + 1]++;
      first[this.to[e] + 1]++;
    }
    for (let v = 0; v < n; v++) first[v + 1] += first[v];
    const fill = first.slice(0, n);
    const head = (this.head = new Int32Array(2 * m));
    const residual = (this.residual = new Float64Array(2 * m));
    const partner = (this.partner = new Int32Array(2 * m));
    const forward = (this.forward = new Int32Array(m));
    for (let e = 0; e < m; e++) {
      const f = fill[this.from[e]]++;
      const r = fill[this.to[e]]++;
      head[f] = this.to[e];
      head[r] = this.from[e];
      residual[f] = this.capacity[e];
      partner[f] = r;
      partner[r] = f;
      forward[e] = f;
    }
  }

  /** Raises (or lowers, if unused) the capacity of arc `e` to `capacity`. */
  setCapacity(e: number, capacity: number) {
    if (!this.laidOut) this.layout();
    const f = this.forward[e];
    const used = this.residual[this.partner[f]];
    if (capacity < used) throw new Error("capacity below the flow already on the arc");
    this.residual[f] = capacity - used;
  }

  /** Flow on arc `e`. */
  flow(e: number): number {
    if (!this.laidOut) this.layout();
    return this.residual[this.partner[this.forward[e]]];
  }

  /** Flow on every arc, by arc index. */
  flows(): Float64Array {
    if (!this.laidOut) this.layout();
    const { residual, partner, forward } = this;
    const out = new Float64Array(forward.length);
    for (let e = 0; e < forward.length; e++) out[e] = residual[partner[forward[e]]];
    return out;
  }

  /**
   * The residual graph itself, for searches of other modules: node v's slots are first[v] ..
   * first[v + 1] − 1, each leading to head[slot] with residual[slot] room; partner[slot] is the
   * other half of the same arc and forward[e] the forward slot of arc e. Writing to `residual`
   * changes the flow.
   */
  residualGraph() {
    if (!this.laidOut) this.layout();
    const { first, head, residual, partner, forward } = this;
    return { first, head, residual, partner, forward };
  }

  /** Sends `amount` along the given arcs when every one has room for it; returns whether it did. */
  pushPath(path: ArrayLike<number>, amount = 1): boolean {
    if (!this.laidOut) this.layout();
    const { residual, partner, forward } = this;
    for (let i = 0; i < path.length; i++) if (residual[forward[path[i]]] < amount) return false;
    for (let i = 0; i < path.length; i++) {
      const f = forward[path[i]];
      residual[f] -= amount;
      residual[partner[f]] += amount;
    }
    return true;
  }

  /** Augments from `s` to `t` until no augmenting path is left; returns the flow added. */
  augment(s: number, t: number): number {
    if (!this.laidOut) this.layout();
    const { first, head, residual, partner } = this;
    const n = this.nodeCount;
    const level = new Int32Array(n);
    const current = new Int32Array(n);
    const queue = new Int32Array(n);
    const pathSlot = new Int32Array(n);
    let added = 0;
    for (;;) {
      // Levels are distances to the sink, found backwards from it: after a good head start few
      // nodes can still reach the sink, and the search stays among them instead of reading every
      // node the source reaches.
      level.fill(-1);
      level[t] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = t;
      while (qh < qt) {
        const v = queue[qh++];
        // Nodes at the source's distance or beyond are on no shortest path: stop there.
        if (level[s] >= 0 && level[v] >= level[s]) break;
        for (let a = first[v]; a < first[v + 1]; a++) {
          const u = head[a];
          if (level[u] < 0 && residual[partner[a]] > 0) {
            level[u] = level[v] + 1;
            queue[qt++] = u;
          }
        }
      }
      if (level[s] < 0) return added;
      current.set(first.subarray(0, n));
      // Depth-first search for blocking paths along the level graph, without recursion.
      let depth = 0;
      let u = s;
      for (;;) {
        if (u === t) {
          let push = Infinity;
          for (let i = 0; i < depth; i++) push = Math.min(push, residual[pathSlot[i]]);
          for (let i = 0; i < depth; i++) {
            residual[pathSlot[i]] -= push;
            residual[partner[pathSlot[i]]] += push;
          }
          added += push;
          depth = 0;
          u = s;
          continue;
        }
        let a = current[u];
        const end = first[u + 1];
        while (a < end && !(residual[a] > 0 && level[head[a]] === level[u] - 1)) a++;
        current[u] = a;
        if (a < end) {
          pathSlot[depth++] = a;
          u = head[a];
          continue;
        }
        // Dead end: no path through u in this phase.
        level[u] = -1;
        if (depth === 0) break;
        const back = pathSlot[--depth];
        u = head[partner[back]];
        current[u]++;
      }
    }
  }
}
