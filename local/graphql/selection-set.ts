// info.selectionSetList and selectionSetGraphQL as AppSync builds them for a
// resolver event: every selected field path below the resolved field,
// `parent/child` separated, fragments flattened.
import { Kind, print, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

export function selectionSetList(field: FieldNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>): string[] {
  const paths: string[] = [];
  const walk = (set: SelectionSetNode | undefined, prefix: string) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const path = `${prefix}${selection.name.value}`;
        if (!paths.includes(path)) paths.push(path);
        walk(selection.selectionSet, `${path}/`);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, prefix);
      } else {
        walk(fragments[selection.name.value]?.selectionSet, prefix);
      }
    }
  };
  walk(field.selectionSet, '');
  return paths;
}

export function selectionSetGraphQL(field: FieldNode): string {
  return field.selectionSet ? print(field.selectionSet) : '';
}
