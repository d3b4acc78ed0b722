import { gql } from 'urql';

export const TREE_QUERY = gql`
  query Tree($code: String!, $asOf: Date) {
    orgUnit(code: $code, asOf: $asOf) {
      id
      code
      name
      kind
      validFrom
      validTo
      ancestors {
        edges {
          node {
            id
            code
            name
          }
        }
      }
      children {
        totalCount
        edges {
          node {
            id
            code
            name
            kind
          }
        }
      }
    }
  }
`;

export interface TreeNode {
  id: string;
  code: string;
  name: string;
  kind?: string;
}

export interface TreeData {
  orgUnit:
    | (TreeNode & {
        validFrom: string;
        validTo: string | null;
        ancestors: { edges: Array<{ node: TreeNode }> };
        children: { totalCount: number; edges: Array<{ node: TreeNode }> };
      })
    | null;
}
