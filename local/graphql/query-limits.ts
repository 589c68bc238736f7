// The cost limits AppSync applies to a request, enforced locally from the
// same template properties (AWS::AppSync::GraphQLApi QueryDepthLimit,
// ResolverCountLimit, IntrospectionConfig), plus a cap on the request body.
// Fragments are measured once each (memoised), so a document whose fragments
// spread each other many times costs what its text costs, not 2^n.
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

export interface GraphqlLimits {
  /** Deepest field nesting a query may have; 0 = no limit (AppSync's default). */
  readonly queryDepthLimit: number;
  /** Resolver invocations one request may make; 0 = AppSync's default of 10,000. */
  readonly resolverCountLimit: number;
  readonly introspection: boolean;
  /** Largest request body accepted, in bytes. */
  readonly maxRequestBytes: number;
}

/** AppSync's own defaults (no depth limit, 10,000 resolvers, introspection on) and a 1 MiB body cap, far above any real query. */
export const APPSYNC_DEFAULT_LIMITS: GraphqlLimits = { queryDepthLimit: 0, resolverCountLimit: 0, introspection: true, maxRequestBytes: 1024 * 1024 };
export const APPSYNC_MAX_RESOLVERS = 10_000;

export function resolverCap(limits: GraphqlLimits): number {
  return limits.resolverCountLimit > 0 ? limits.resolverCountLimit : APPSYNC_MAX_RESOLVERS;
}

/** The depth of an operation: root fields are depth 1. Fragment cycles (invalid anyway) count as depth 0 past the cycle. */
export function operationDepth(operation: OperationDefinitionNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>): number {
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (set: SelectionSetNode | undefined): number => {
    let deepest = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet));
      else if (selection.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(selection.selectionSet));
      else {
        const name = selection.name.value;
        if (!memo.has(name)) {
          if (visiting.has(name)) continue;
          visiting.add(name);
          memo.set(name, depthOf(fragments[name]?.selectionSet));
          visiting.delete(name);
        }
        deepest = Math.max(deepest, memo.get(name) ?? 0);
      }
    }
    return deepest;
  };
  return depthOf(operation.selectionSet);
}

export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const out: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) out[d.name.value] = d;
  return out;
}

/**
 * Field selections an operation has once every fragment is written out where
 * it is spread, counted without writing them out (each fragment's count is
 * worked out once). Fragments that each spread the next twice reach 2^n here.
 */
export function expandedSelections(operation: OperationDefinitionNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>): number {
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const count = (set: SelectionSetNode | undefined): number => {
    let total = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) total += 1 + count(selection.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet);
      else {
        const name = selection.name.value;
        if (!memo.has(name)) {
          if (visiting.has(name)) continue;
          visiting.add(name);
          memo.set(name, count(fragments[name]?.selectionSet));
          visiting.delete(name);
        }
        total += memo.get(name) ?? 0;
      }
    }
    return total;
  };
  return count(operation.selectionSet);
}

/**
 * A local guard with no AppSync setting behind it: a document that writes out
 * to more selections than this is refused before validation or execution walk
 * it. Real queries here have tens of selections.
 */
export const MAX_EXPANDED_SELECTIONS = 10_000;

/** Errors for a document over the depth limit or the expansion guard (checked before validation, which would otherwise walk it). */
export function depthErrors(document: DocumentNode, limits: GraphqlLimits): GraphQLError[] {
  const fragments = fragmentsOf(document);
  const errors: GraphQLError[] = [];
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    const depth = operationDepth(d, fragments);
    if (limits.queryDepthLimit > 0 && depth > limits.queryDepthLimit) {
      errors.push(new GraphQLError(`Query depth ${depth} exceeds the limit of ${limits.queryDepthLimit}`, { nodes: [d], extensions: { errorType: 'ValidationError' } }));
    }
    const expanded = expandedSelections(d, fragments);
    if (expanded > MAX_EXPANDED_SELECTIONS) {
      errors.push(new GraphQLError(`The query expands to ${expanded} field selections through its fragments; the limit is ${MAX_EXPANDED_SELECTIONS}`, { nodes: [d], extensions: { errorType: 'ValidationError' } }));
    }
  }
  return errors;
}

/** Resolver invocations an operation makes here: one per root response key (fields merge by alias or name), fragments included. */
export function rootResolverCount(operation: OperationDefinitionNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>): number {
  const keys = new Set<string>();
  const seen = new Set<string>();
  const collect = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) keys.add(selection.alias?.value ?? selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        // A fragment spread twice at the root adds its fields once.
        seen.add(selection.name.value);
        collect(fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return keys.size;
}

export function resolverCountErrors(operation: OperationDefinitionNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>, limits: GraphqlLimits): GraphQLError[] {
  const count = rootResolverCount(operation, fragments);
  const cap = resolverCap(limits);
  return count > cap ? [new GraphQLError(`The request would invoke ${count} resolvers; the limit is ${cap}`, { nodes: [operation], extensions: { errorType: 'ValidationError' } })] : [];
}
