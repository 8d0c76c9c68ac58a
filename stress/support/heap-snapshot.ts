/**
 * What a thread's heap holds besides compiled code, from a heap snapshot: the objects an
 * application can leak. Live heap after a collection also grows while V8 compiles and
 * re-optimizes functions (deoptimization data, relocation info, feedback), which levels off once
 * the code is warm; over a 10-minute soak that warm-up is the same size as a slow leak, so the
 * verdict compares snapshots and leaves V8's own kinds out.
 */
import type { InspectorSession } from './inspector-session';

/** Node types of V8's heap snapshots that hold V8's own data, not the program's. */
const V8_INTERNAL_TYPES = new Set(['code', 'hidden', 'object shape', 'synthetic']);

export interface KindTotal {
  readonly count: number;
  readonly bytes: number;
}

export interface ObjectTotals {
  /** Self sizes of every node that is not V8's own. */
  readonly bytes: number;
  /** By `type:name` (strings by their first 40 characters). */
  readonly byKind: ReadonlyMap<string, KindTotal>;
}

/** The parts of the .heapsnapshot format read here. */
export interface HeapSnapshotJson {
  readonly snapshot: {
    readonly meta: {
      readonly node_fields: readonly string[];
      readonly node_types: readonly unknown[];
    };
  };
  readonly nodes: readonly number[];
  readonly strings: readonly string[];
}

const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

export function objectTotals(snapshot: HeapSnapshotJson): ObjectTotals {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0] as readonly string[];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const byKind = new Map<string, { count: number; bytes: number }>();
  let bytes = 0;
  for (let node = 0; node < snapshot.nodes.length; node += width) {
    const type = types[snapshot.nodes[node + typeAt] ?? -1] ?? '?';
    if (V8_INTERNAL_TYPES.has(type)) {
      continue;
    }
    const name = snapshot.strings[snapshot.nodes[node + nameAt] ?? -1] ?? '';
    const size = snapshot.nodes[node + sizeAt] ?? 0;
    const kind = `${type}:${STRING_TYPES.has(type) ? name.slice(0, 40) : name}`;
    const total = byKind.get(kind) ?? { count: 0, bytes: 0 };
    total.count += 1;
    total.bytes += size;
    byKind.set(kind, total);
    bytes += size;
  }
  return { bytes, byKind };
}

export interface Growth {
  readonly bytes: number;
  /** The kinds that grew most, by bytes. */
  readonly top: readonly (KindTotal & { readonly kind: string })[];
}

export function growth(before: ObjectTotals, after: ObjectTotals, top = 5): Growth {
  const grown = [...after.byKind].map(([kind, total]) => ({
    kind,
    count: total.count - (before.byKind.get(kind)?.count ?? 0),
    bytes: total.bytes - (before.byKind.get(kind)?.bytes ?? 0),
  }));
  return {
    bytes: after.bytes - before.bytes,
    top: grown
      .filter((g) => g.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, top),
  };
}

/** A snapshot of the main thread, or of the worker whose session id is given, summarized. */
export async function takeObjectTotals(
  session: InspectorSession,
  workerSession?: string,
): Promise<ObjectTotals> {
  const source = workerSession ?? 'main';
  const chunks: string[] = [];
  const stop = session.listen((from, method, params) => {
    if (from === source && method === 'HeapProfiler.addHeapSnapshotChunk') {
      chunks.push(String(params['chunk']));
    }
  });
  try {
    // A snapshot collects garbage first: what it holds is live.
    await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, workerSession);
  } finally {
    stop();
  }
  return objectTotals(JSON.parse(chunks.join('')) as HeapSnapshotJson);
}
