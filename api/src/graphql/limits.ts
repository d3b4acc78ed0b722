import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Operation limits, GraphQL Armor's defaults except the depth, the tokens and the cost: a step down the tree through a Relay
 * connection costs three levels (`children`, `edges`, `node`), so the navigator's question "VN, its
 * provinces, their unions, and who their parents are" needs 1 + 3 × 3 + 2 = 12 levels, not 6.
 * Page sizes are capped at 500 by the connections themselves; bodies at 1 MB by the HTTP layer;
 * batched requests are refused; each SQL statement of a request is stopped after STATEMENT_TIMEOUT_MS.
 */
export const LIMITS = {
  depth: 12,
  aliases: 15,
  directives: 50,
  // Armor's default is 1,000; a unit asked for with every figure (UnitStats has 28 since the finance
  // figures) in its stats, series, rankings and finance ranking passes it: twice the default.
  tokens: 2000,
  // Armor's default is 5,000; the web client's members page (50 members with their memberships) costs
  // 6,325 under its model, so twice the default, checked against every trusted document by a test.
  cost: 10_000,
} as const;

export function operationLimits() {
  const armor = new ApolloArmor({
    maxDepth: { n: LIMITS.depth },
    maxAliases: { n: LIMITS.aliases },
    maxDirectives: { n: LIMITS.directives },
    costLimit: { maxCost: LIMITS.cost },
    // Token limits need the parser: `parseOptions` below. Suggestions are removed in formatError.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { ...armor, parseOptions: { maxTokens: LIMITS.tokens } };
}
