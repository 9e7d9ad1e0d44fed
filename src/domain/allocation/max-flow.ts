/**
 * Dinic's maximum flow on typed arrays (no I/O). Flow persists between calls, so capacities can
 * be raised and `augment` continues from the current flow — which is how the allocation fills
 * crisis slots first, then urgent, then normal ones without ever giving back a higher class's slot.
 */
export class FlowGraph {
  readonly nodeCount: number;
  private head: Int32Array;
  private nextEdge: Int32Array;
  private to: Int32Array;
  private residual: Float64Array;
  private count = 0;

  /** `expectedEdges`: how many arcs will be added (each takes two slots with its reverse). */
  constructor(nodeCount: number, expectedEdges = 16) {
    this.nodeCount = nodeCount;
    this.head = new Int32Array(nodeCount).fill(-1);
    this.nextEdge = new Int32Array(2 * expectedEdges);
    this.to = new Int32Array(2 * expectedEdges);
    this.residual = new Float64Array(2 * expectedEdges);
  }

  /** Adds an arc (and its reverse) and returns its index; the reverse is `index ^ 1`. */
  addEdge(from: number, to: number, capacity: number): number {
    if (this.count + 2 > this.to.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2 + 2);
        b.set(a);
        return b;
      };
      this.nextEdge = grow(this.nextEdge);
      this.to = grow(this.to);
      this.residual = grow(this.residual);
    }
    const e = this.count;
    this.to[e] = to;
    this.to[e + 1] = from;
    this.residual[e] = capacity;
    this.residual[e + 1] = 0;
    this.nextEdge[e] = this.head[from];
    this.nextEdge[e + 1] = this.head[to];
    this.head[from] = e;
    this.head[to] = e + 1;
    this.count += 2;
    return e;
  }

  private arrays() {
    return { nextEdge: this.nextEdge, to: this.to, residual: this.residual };
  }

  /** Raises (or lowers, if unused) the capacity of arc `e` to `capacity`. */
  setCapacity(e: number, capacity: number) {
    const { residual } = this.arrays();
    const used = residual[e ^ 1];
    if (capacity < used) throw new Error("capacity below the flow already on the arc");
    residual[e] = capacity - used;
  }

  /** Flow on arc `e`. */
  flow(e: number): number {
    return this.arrays().residual[e ^ 1];
  }

  /** Sends `amount` along the given arcs when every one has room for it; returns whether it did. */
  pushPath(path: ArrayLike<number>, amount = 1): boolean {
    const { residual } = this.arrays();
    for (let i = 0; i < path.length; i++) if (residual[path[i]] < amount) return false;
    for (let i = 0; i < path.length; i++) {
      residual[path[i]] -= amount;
      residual[path[i] ^ 1] += amount;
    }
    return true;
  }

  /** Augments from `s` to `t` until no augmenting path is left; returns the flow added. */
  augment(s: number, t: number): number {
    const { nextEdge, to, residual } = this.arrays();
    const n = this.nodeCount;
    const level = new Int32Array(n);
    const current = new Int32Array(n);
    const queue = new Int32Array(n);
    const pathEdge = new Int32Array(n);
    let added = 0;
    for (;;) {
      level.fill(-1);
      level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++];
        // Nodes at the sink's distance or beyond are on no shortest path: stop there.
        if (level[t] >= 0 && level[u] >= level[t]) break;
        for (let e = this.head[u]; e >= 0; e = nextEdge[e]) {
          const v = to[e];
          if (residual[e] > 0 && level[v] < 0) {
            level[v] = level[u] + 1;
            queue[qt++] = v;
          }
        }
      }
      if (level[t] < 0) return added;
      current.set(this.head);
      // Depth-first search for blocking paths along the level graph, without recursion.
      let depth = 0;
      let u = s;
      for (;;) {
        if (u === t) {
          let push = Infinity;
          for (let i = 0; i < depth; i++) push = Math.min(push, residual[pathEdge[i]]);
          for (let i = 0; i < depth; i++) {
            residual[pathEdge[i]] -= push;
            residual[pathEdge[i] ^ 1] += push;
          }
          added += push;
          depth = 0;
          u = s;
          continue;
        }
        let e = current[u];
        while (e >= 0 && !(residual[e] > 0 && level[to[e]] === level[u] + 1)) e = nextEdge[e];
        current[u] = e;
        if (e >= 0) {
          pathEdge[depth++] = e;
          u = to[e];
          continue;
        }
        // Dead end: no path through u in this phase.
        level[u] = -1;
        if (depth === 0) break;
        const back = pathEdge[--depth];
        u = to[back ^ 1];
        current[u] = nextEdge[current[u]];
      }
    }
  }
}
