import type { TreeChangeKind } from '../../graphql/graphql';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A change of the tree as a plan holds it: the form's input (a MERGE names its `targetCode`) or a kept
 * plan's change (a MERGE's continuing unit is its `code`).
 */
export interface DescribedChange {
  kind: TreeChangeKind;
  code?: string | null;
  parentCode?: string | null;
  sourceCodes?: readonly string[] | null;
  targetCode?: string | null;
  name?: string | null;
}

/** What a change does to which units, in words; one wording for the plan being built and the plans kept. */
export function changeInWords(t: Translate, change: DescribedChange): string {
  const code = change.code ?? '';
  switch (change.kind) {
    case 'CREATE':
      return t('plan.create', { code, parent: change.parentCode ?? '' });
    case 'MOVE':
      return t('plan.move', { code, parent: change.parentCode ?? '' });
    case 'MERGE':
      return t('plan.merge', {
        code: change.targetCode ?? code,
        sources: (change.sourceCodes ?? []).join(', '),
      });
    case 'CLOSE':
      return t('plan.close', { code });
    case 'RENAME':
      return t('plan.rename', { code, name: change.name ?? '' });
  }
}
