// CrossGuard's view of a stack (PolicyResource: type, props, urn, dependency edges as objects) → the
// records @itaku/collector-pulumi turns into a Snapshot, so the policies see the rules' own model.
import { type PulumiSnapshotOptions, readRawResources, snapshotFromRecords } from "@itaku/collector-pulumi";
import type { Snapshot } from "@itaku/core";
import type { PolicyResource } from "@pulumi/policy";

/** The key under which @pulumi/policy's unknown-checking proxy hands out the object it wraps. */
const PROXY_TARGET = "__getSpecialProxyTarget";

/**
 * The plain properties behind CrossGuard's proxy. Reading through the proxy would throw at the first
 * value a preview cannot know; the target keeps Pulumi's unknown sentinels, which the collector reads.
 */
export function rawProps(props: Record<string, unknown>): Record<string, unknown> {
  const target = (props as Record<string, unknown>)[PROXY_TARGET];
  return (target && typeof target === "object" ? target : props) as Record<string, unknown>;
}

type ResourceLike = Pick<
  PolicyResource,
  "type" | "urn" | "props" | "dependencies" | "propertyDependencies"
> & {
  parent?: { urn: string };
  provider?: { type: string; urn: string; props: Record<string, unknown> };
};

export function snapshotFromPolicyResources(
  resources: readonly ResourceLike[],
  options: PulumiSnapshotOptions = {},
): Snapshot {
  const providers = new Map<string, ResourceLike["provider"] & object>();
  for (const resource of resources) {
    if (resource.provider?.type.startsWith("pulumi:providers:"))
      providers.set(resource.provider.urn, resource.provider);
  }
  const raw = [
    ...[...providers.values()].map((provider) => ({
      urn: provider.urn,
      type: provider.type,
      inputs: rawProps(provider.props),
      outputs: {},
    })),
    ...resources.map((resource) => {
      const props = rawProps(resource.props);
      return {
        urn: resource.urn,
        type: resource.type,
        id: typeof props.id === "string" ? props.id : undefined,
        // Stack policies see the resource's state: it stands for what was declared as well.
        inputs: props,
        outputs: props,
        dependencies: resource.dependencies.map((d) => d.urn),
        propertyDependencies: Object.fromEntries(
          Object.entries(resource.propertyDependencies).map(([key, deps]) => [key, deps.map((d) => d.urn)]),
        ),
        parent: resource.parent?.urn,
      };
    }),
  ];
  return snapshotFromRecords(readRawResources(raw, "(policy pack resources)"), options);
}
