// info.selectionSetList and selectionSetGraphQL as AppSync builds them for a
// resolver event: every selected field path below the resolved field,
// `parent/child` separated, fragments flattened. Each fragment's own paths are
// worked out once and reused wherever it is spread, so fragments that spread
// each other repeatedly cost linear, not exponential, time.
import { Kind, print, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

export function selectionSetList(field: FieldNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>): string[] {
  const memo = new Map<string, readonly string[]>();
  const visiting = new Set<string>();
  /** The paths below a selection set, relative to it, in first-seen order without repeats. */
  const relative = (set: SelectionSetNode | undefined): readonly string[] => {
    const paths = new Set<string>();
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const name = selection.name.value;
        paths.add(name);
        for (const below of relative(selection.selectionSet)) paths.add(`${name}/${below}`);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        for (const path of relative(selection.selectionSet)) paths.add(path);
      } else {
        const name = selection.name.value;
        if (!memo.has(name)) {
          // A cycle is a validation error; stop rather than recurse.
          if (visiting.has(name)) continue;
          visiting.add(name);
          memo.set(name, relative(fragments[name]?.selectionSet));
          visiting.delete(name);
        }
        for (const path of memo.get(name) ?? []) paths.add(path);
      }
    }
    return [...paths];
  };
  return [...relative(field.selectionSet)];
}

export function selectionSetGraphQL(field: FieldNode): string {
  return field.selectionSet ? print(field.selectionSet) : '';
}
