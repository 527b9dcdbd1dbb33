// Public surface of the scenario module; src/engine/index.ts re-exports from here.
export type * from './types.ts';
export { SCENARIO_SCHEMA_VERSION, HOST_MITIGATIONS } from './types.ts';
export { loadScenario, loadScenarioOrThrow, ScenarioError, formatScenarioProblem, scenarioJsonSchema, scenarioJsonSchemaText } from './load.ts';
export type { ScenarioLoadResult, LoadOptions as ScenarioLoadOptions } from './load.ts';
export { validateScenario, validateScenarioShape } from './validate.ts';
export { capProblems, countProblems, MAX_PROBLEMS } from './problem-cap.ts';
export { SCENARIO_MAX_BYTES, formatMegabytes, scenarioSizeProblem } from './input-limits.ts';
export { applyDefaults } from './defaults.ts';
export type { ScenarioInput } from './scenario-schema.ts';
export { migrateScenario, defineScenarioMigrations, SCENARIO_MIGRATIONS } from './migrations.ts';
export type { Migration as ScenarioMigration, MigrationRegistry as ScenarioMigrationRegistry, MigrateResult as ScenarioMigrateResult } from './migrations.ts';
export { trafficDestination, actionHost, natPublicAddress, endpointAddressIds, cidrAddress, hostMptcpVersions, hostAllowsJoinInitialAddrPort } from './derived.ts';
export { BUILTIN_SCENARIOS, BUILTIN_DOCUMENTS, builtinScenario } from './builtin/index.ts';
export { withSwitches, switchesFor, reproduceCommand, runTitle, SWITCH_PROTOCOLS, type Switches } from './switches.ts';
export { LIMITS, checkLimits } from './limits.ts';
