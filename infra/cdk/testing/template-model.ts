// Reading a synthesized template the way the assertions need it: resources by type, the logical ids
// an intrinsic refers to, ARNs rendered as text, and every IAM statement a role holds.
import type { Template } from 'aws-cdk-lib/assertions';

export interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly DependsOn?: string | string[];
}

/** Resources of one type, by logical id. */
export function resourcesOfType(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

export function props(resource: Resource): Record<string, unknown> {
  return resource.Properties ?? {};
}

export function resourceWithId(template: Template, logicalId: string): Resource {
  const resource = (template.toJSON() as { Resources: Record<string, Resource> }).Resources[
    logicalId
  ];
  if (!resource) {
    throw new Error(`The template has no resource ${logicalId}.`);
  }
  return resource;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every logical id a value refers to through Ref or Fn::GetAtt (pseudo parameters left out). */
export function referencedIds(value: unknown): Set<string> {
  const ids = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (isRecord(node)) {
      const ref = node['Ref'];
      const getAtt = node['Fn::GetAtt'];
      if (typeof ref === 'string' && !ref.startsWith('AWS::')) {
        ids.add(ref);
      } else if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
        ids.add(getAtt[0]);
      } else {
        Object.values(node).forEach(visit);
      }
    }
  };
  visit(value);
  return ids;
}

/** A value as text: `${Id.Attr}` for GetAtt, `${Id}` for Ref, joins joined. */
export function renderText(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (isRecord(value)) {
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt)) {
      return `\${${getAtt.join('.')}}`;
    }
    if (typeof value['Ref'] === 'string') {
      return `\${${value['Ref']}}`;
    }
    const join = value['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
      return (join[1] as unknown[]).map(renderText).join(join[0]);
    }
  }
  throw new Error(`Cannot render ${JSON.stringify(value)} as text.`);
}

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource?: unknown;
  readonly Principal?: unknown;
  readonly Condition?: unknown;
}

export function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The role's statements: its inline policies and every AWS::IAM::Policy attached to it. */
export function roleStatements(template: Template, roleId: string): Statement[] {
  const role = props(resourceWithId(template, roleId));
  const inline = asList(role['Policies'] as { PolicyDocument: { Statement: Statement[] } }[]);
  const attached = Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
    .map(props)
    .filter((policy) =>
      asList(policy['Roles'] as unknown[]).some((ref) => referencedIds(ref).has(roleId)),
    );
  return [...inline, ...attached].flatMap((policy) =>
    asList((policy['PolicyDocument'] as { Statement: Statement[] }).Statement),
  );
}

/** The role a resource property such as `Role` or `ServiceRoleArn` points to. */
export function roleIdOf(value: unknown): string {
  const [id, ...others] = [...referencedIds(value)];
  if (id === undefined || others.length > 0) {
    throw new Error(`Expected a reference to one role, got ${JSON.stringify(value)}.`);
  }
  return id;
}
