/** What a request asks for below a field, to leave out work whose result nobody reads. */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** Whether any field named in `names` is selected anywhere below the resolved field (fragments included). */
export function selects(info: GraphQLResolveInfo, names: ReadonlySet<string>): boolean {
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): boolean => {
    for (const s of set?.selections ?? []) {
      if (s.kind === 'Field') {
        if (names.has(s.name.value) || walk(s.selectionSet)) return true;
      } else if (s.kind === 'InlineFragment') {
        if (walk(s.selectionSet)) return true;
      } else if (!seen.has(s.name.value)) {
        // A fragment spread once per fragment: a cycle or a fragment spread many times is walked once.
        seen.add(s.name.value);
        if (walk(info.fragments[s.name.value]?.selectionSet)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((f) => walk(f.selectionSet));
}
