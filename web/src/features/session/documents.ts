import { gql } from 'urql';

export const LOGIN_MUTATION = gql`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
    }
  }
`;

export const LOGOUT_MUTATION = gql`
  mutation Logout {
    logout
  }
`;

export const VIEWER_QUERY = gql`
  query Viewer {
    viewer {
      kind
      account {
        email
        displayName
      }
      roles {
        role
        unit {
          id
          code
          name
        }
      }
    }
  }
`;

export interface ViewerData {
  viewer: {
    kind: string;
    account: { email: string; displayName: string } | null;
    roles: Array<{ role: string; unit: { id: string; code: string; name: string } }>;
  } | null;
}
