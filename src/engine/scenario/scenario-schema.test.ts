import { describe, expect, it } from 'vitest';
import type { ScenarioProblem } from './types.ts';
import { edited, minimalDocument, type Doc, type Editable } from './test-documents.ts';
import { validateScenario } from './validate.ts';

type Expected = Pick<ScenarioProblem, 'path' | 'code'> & { message?: string | RegExp };

/** Each broken document and exactly the problems it must give. */
const broken: [string, (d: Editable) => void, Expected[]][] = [
  ['seed as text', (d) => (d.seed = '7'), [{ path: '$.seed', code: 'SCENARIO_TYPE', message: 'must be an integer from 0 to 4294967295, got "7"' }]],
  ['seed above 32 bits', (d) => (d.seed = 2 ** 32), [{ path: '$.seed', code: 'SCENARIO_RANGE' }]],
  ['fractional delay', (d) => (d.links[0].delayUs = 12.5), [{ path: '$.links[0].delayUs', code: 'SCENARIO_TYPE', message: 'must be an integer from 0 to 10000000 microseconds, got 12.5' }]],
  ['delay beyond 10 s', (d) => (d.links[0].delayUs = 10_000_001), [{ path: '$.links[0].delayUs', code: 'SCENARIO_RANGE' }]],
  ['bandwidth under 1 kbit/s', (d) => (d.links[0].bandwidthBps = 999), [{ path: '$.links[0].bandwidthBps', code: 'SCENARIO_RANGE', message: 'must be an integer from 1000 to 100000000000 bits per second, got 999' }]],
  ['loss over 0.5', (d) => (d.links[0].lossRate = 0.6), [{ path: '$.links[0].lossRate', code: 'SCENARIO_RANGE', message: 'must be a number from 0 to 0.5, got 0.6' }]],
  ['queue of 0 packets', (d) => (d.links[0].queuePackets = 0), [{ path: '$.links[0].queuePackets', code: 'SCENARIO_RANGE' }]],
  ['MTU under 576', (d) => (d.links[0].mtuBytes = 500), [{ path: '$.links[0].mtuBytes', code: 'SCENARIO_RANGE', message: 'must be an integer from 576 to 65535 bytes, got 500' }]],
  ['duration beyond an hour', (d) => (d.durationUs = 3_600_000_001), [{ path: '$.durationUs', code: 'SCENARIO_RANGE' }]],
  ['a host MPTCP version that does not exist, and one twice', (d) => (d.hosts[1].mptcp = { versions: ['v2', 'v1', 'v1'] }), [
    { path: '$.hosts[1].mptcp.versions[0]', code: 'SCENARIO_ENUM' },
    { path: '$.hosts[1].mptcp.versions[2]', code: 'SCENARIO_DUPLICATE' },
  ]],
  ['no host MPTCP version at all', (d) => (d.hosts[0].mptcp = { versions: [] }), [{ path: '$.hosts[0].mptcp.versions', code: 'SCENARIO_RANGE' }]],
  ['a host MPTCP setting on a router', (d) => (d.routers = [{ id: 'r', interfaces: [{ id: 'a', addresses: ['198.18.9.1/24'] }], mptcp: {} }]), [{ path: '$.routers[0].mptcp', code: 'SCENARIO_UNKNOWN_FIELD', message: /only hosts speak MPTCP/ }]],
  ['port 0', (d) => (d.traffic[0].port = 0), [{ path: '$.traffic[0].port', code: 'SCENARIO_RANGE', message: 'must be an integer from 1 to 65535, got 0' }]],
  ['11 GB', (d) => (d.traffic[0].bytes = 11e9), [{ path: '$.traffic[0].bytes', code: 'SCENARIO_RANGE' }]],
  ['address ID 256', (d) => (d.hosts[0].pathManager = { endpoints: [{ address: '198.18.1.1', flags: ['signal'], id: 256 }] }), [{ path: '$.hosts[0].pathManager.endpoints[0].id', code: 'SCENARIO_RANGE' }]],
  ['subflow limit 9', (d) => (d.hosts[0].pathManager = { limits: { subflows: 9 } }), [{ path: '$.hosts[0].pathManager.limits.subflows', code: 'SCENARIO_RANGE', message: 'must be an integer from 0 to 8, got 9' }]],
  ['no hosts field', (d) => delete d.hosts, [{ path: '$.hosts', code: 'SCENARIO_REQUIRED', message: /^missing required field "hosts": a list of/ }]],
  ['empty hosts', (d) => (d.hosts = []), [
    { path: '$.hosts', code: 'SCENARIO_RANGE', message: 'must have at least 1 item, got 0' },
  ]],
  ['no title', (d) => delete d.title, [{ path: '$.title', code: 'SCENARIO_REQUIRED', message: 'missing required field "title": a non-empty string' }]],
  ['empty title', (d) => (d.title = ''), [{ path: '$.title', code: 'SCENARIO_RANGE', message: 'must not be empty' }]],
  ['no link bandwidth', (d) => delete d.links[0].bandwidthBps, [{ path: '$.links[0].bandwidthBps', code: 'SCENARIO_REQUIRED' }]],
  ['"delay" for "delayUs"', (d) => {
    d.links[0].delay = d.links[0].delayUs;
    delete d.links[0].delayUs;
  }, [{ path: '$.links[0].delay', code: 'SCENARIO_UNKNOWN_FIELD', message: 'unknown field "delay" (did you mean "delayUs"?)' }]],
  ['"hsots" for "hosts"', (d) => {
    d.hsots = d.hosts;
    delete d.hosts;
  }, [{ path: '$.hsots', code: 'SCENARIO_UNKNOWN_FIELD', message: 'unknown field "hsots" (did you mean "hosts"?)' }]],
  ['an unknown field with no near name', (d) => (d.hosts[0].colour = 'red'), [
    { path: '$.hosts[0].colour', code: 'SCENARIO_UNKNOWN_FIELD', message: 'unknown field "colour" (the fields here are id, label, interfaces, pathManager, mptcp)' },
  ]],
  ['a path manager on a router', (d) => (d.routers = [{ id: 'r1', interfaces: [{ id: 'eth0', addresses: ['198.18.9.1/24'] }], pathManager: {} }]), [
    { path: '$.routers[0].pathManager', code: 'SCENARIO_UNKNOWN_FIELD', message: 'unknown field "pathManager": only hosts have a path manager' },
  ]],
  ['IPv4 prefix 33', (d) => (d.hosts[0].interfaces[0].addresses[0] = '198.18.1.1/33'), [
    {
      path: '$.hosts[0].interfaces[0].addresses[0]',
      code: 'SCENARIO_FORMAT',
      message: '"198.18.1.1/33" is not an address with a prefix length, like 198.18.1.1/24 or 2001:db8:1::1/64: the prefix length 33 is not from 1 to 32 (IPv4)',
    },
  ]],
  ['no prefix length', (d) => (d.hosts[1].interfaces[0].addresses[0] = '198.18.1.2'), [{ path: '$.hosts[1].interfaces[0].addresses[0]', code: 'SCENARIO_FORMAT' }]],
  ['a prefix on a destination', (d) => (d.traffic[0].toAddress = '198.18.1.2/24'), [{ path: '$.traffic[0].toAddress', code: 'SCENARIO_FORMAT', message: /leave out the prefix length here$/ }]],
  ['an id with capitals', (d) => (d.hosts[0].id = 'Client'), [
    { path: '$.hosts[0].id', code: 'SCENARIO_FORMAT', message: 'must be an id: a lowercase letter, then lowercase letters, digits or \'-\', got "Client"' },
  ]],
  ['a link end without a dot', (d) => (d.links[0].a = 'client'), [{ path: '$.links[0].a', code: 'SCENARIO_FORMAT' }]],
  ['protocol misspelt', (d) => (d.protocol = 'mptcp_v1'), [
    { path: '$.protocol', code: 'SCENARIO_ENUM', message: '"mptcp_v1" is not a protocol: expected one of tcp, mptcp-v0, mptcp-v1 (did you mean "mptcp-v1"?)' },
  ]],
  ['unknown scheduler', (d) => (d.mptcp = { scheduler: 'fastest' }), [{ path: '$.mptcp.scheduler', code: 'SCENARIO_ENUM' }]],
  ['a mitigation twice', (d) => (d.mptcp = { mitigations: ['syn-cookies', 'syn-cookies'] }), [{ path: '$.mptcp.mitigations[1]', code: 'SCENARIO_DUPLICATE' }]],
  ['half-open limit as text', (d) => (d.mptcp = { halfOpenJoinLimit: 'none' }), [
    { path: '$.mptcp.halfOpenJoinLimit', code: 'SCENARIO_TYPE', message: 'must be an integer from 0 to 65535, or null, got "none"' },
  ]],
  ['an endpoint flag twice', (d) => (d.hosts[0].pathManager = { endpoints: [{ address: '198.18.1.1', flags: ['signal', 'signal'] }] }), [
    { path: '$.hosts[0].pathManager.endpoints[0].flags[1]', code: 'SCENARIO_DUPLICATE', message: '"signal" is already listed at [0]' },
  ]],
  ['traffic kind misspelt', (d) => (d.traffic[0].kind = 'bulkk'), [
    { path: '$.traffic[0].kind', code: 'SCENARIO_ENUM', message: '"bulkk" is not a traffic kind: expected one of bulk, request-response (did you mean "bulk"?)' },
  ]],
  ['traffic without kind', (d) => delete d.traffic[0].kind, [{ path: '$.traffic[0].kind', code: 'SCENARIO_REQUIRED' }]],
  ['request-response without count', (d) => (d.traffic[0] = { id: 't', kind: 'request-response', from: 'client', to: 'server', port: 80, requestBytes: 10, responseBytes: 10 }), [
    { path: '$.traffic[0].count', code: 'SCENARIO_REQUIRED' },
  ]],
  ['bulk with a request-response field', (d) => (d.traffic[0].count = 3), [{ path: '$.traffic[0].count', code: 'SCENARIO_UNKNOWN_FIELD' }]],
  ['a middlebox with three interfaces', (d) => (d.middleboxes = [{ id: 'mb', kind: 'strip-mptcp', interfaces: [1, 2, 3].map((i) => ({ id: `e${i}`, addresses: [`198.18.9.${i}/24`] })) }]), [
    { path: '$.middleboxes[0].interfaces', code: 'SCENARIO_RANGE', message: 'must have exactly 2 items, got 3' },
  ]],
  ['non-ASCII rewrite text', (d) => (d.middleboxes = [{ id: 'mb', kind: 'rewrite-payload', match: 'é', replace: 'e', interfaces: [1, 2].map((i) => ({ id: `e${i}`, addresses: [`198.18.9.${i}/24`] })) }]), [
    { path: '$.middleboxes[0].match', code: 'SCENARIO_FORMAT' },
  ]],
  ['splitAtBytes of 0', (d) => (d.middleboxes = [{ id: 'mb', kind: 'split-segments', splitAtBytes: 0, interfaces: [1, 2].map((i) => ({ id: `e${i}`, addresses: [`198.18.9.${i}/24`] })) }]), [
    { path: '$.middleboxes[0].splitAtBytes', code: 'SCENARIO_RANGE', message: 'must be an integer from 1 to 65535 bytes, got 0' },
  ]],
  ['coalesceWithinUs of two seconds', (d) => (d.middleboxes = [{ id: 'mb', kind: 'coalesce-segments', coalesceWithinUs: 2_000_000, interfaces: [1, 2].map((i) => ({ id: `e${i}`, addresses: [`198.18.9.${i}/24`] })) }]), [
    { path: '$.middleboxes[0].coalesceWithinUs', code: 'SCENARIO_RANGE', message: 'must be an integer from 1 to 1000000 microseconds, got 2000000' },
  ]],
  ['ui as a number', (d) => (d.ui = 3), [{ path: '$.ui', code: 'SCENARIO_TYPE', message: 'must be an object, got 3' }]],
  ['hosts as an object', (d) => (d.hosts = { client: {} }), [{ path: '$.hosts', code: 'SCENARIO_TYPE', message: 'must be a list, got an object' }]],
  ['schemaVersion 1 (validation after migration)', (d) => (d.schemaVersion = 1), [{ path: '$.schemaVersion', code: 'SCENARIO_ENUM', message: 'must be 2, got 1' }]],
  ['a prior with every problem', (d) => (d.attackers = [withPrior({ clientPort: 0, seq: { from: -1, to: 5 }, ack: { from: 1 }, windowBytes: 2 ** 31, dsn: { from: '1', to: '18446744073709551616' }, tokens: ['0123456G'], cookies: true })]), [
    { path: '$.attackers[0].prior.clientPort', code: 'SCENARIO_RANGE', message: 'must be an integer from 1 to 65535, got 0' },
    { path: '$.attackers[0].prior.seq.from', code: 'SCENARIO_RANGE', message: 'must be an integer from 0 to 4294967295, got -1' },
    { path: '$.attackers[0].prior.ack.to', code: 'SCENARIO_REQUIRED' },
    { path: '$.attackers[0].prior.windowBytes', code: 'SCENARIO_RANGE', message: 'must be an integer from 1 to 1073741824 bytes, got 2147483648' },
    { path: '$.attackers[0].prior.dsn.to', code: 'SCENARIO_FORMAT', message: '"18446744073709551616" is not a 64-bit unsigned integer in decimal, like "18446744073709551615": it is more than 2^64 − 1' },
    { path: '$.attackers[0].prior.tokens[0]', code: 'SCENARIO_FORMAT', message: 'must be a token: 8 lowercase hex digits, got "0123456G"' },
    { path: '$.attackers[0].prior.cookies', code: 'SCENARIO_UNKNOWN_FIELD', message: /^unknown field "cookies" \(the fields here are clientAddress, clientPort, seq, ack, / },
  ]],
];

/** An off-path attacker (valid but for its prior). */
function withPrior(prior: unknown) {
  return { id: 'mallory', location: 'off-path', capability: 'active', at: ['l1'], attack: 'data-injection', prior };
}

function expectProblems(doc: Doc, expected: Expected[]) {
  const problems = validateScenario(doc);
  expect(problems.map(({ path, code }) => ({ path, code }))).toEqual(expected.map(({ path, code }) => ({ path, code })));
  expected.forEach((e, i) => {
    if (typeof e.message === 'string') expect(problems[i]!.message).toBe(e.message);
    else if (e.message) expect(problems[i]!.message).toMatch(e.message);
  });
}

describe('the shape of a scenario', () => {
  it('the minimal document is valid', () => expect(validateScenario(minimalDocument())).toEqual([]));
  for (const [name, edit, expected] of broken) {
    it(name, () => expectProblems(edited(minimalDocument(), edit), expected));
  }
  it('an attacker may know things before the run (prior)', () => {
    const prior = { clientAddress: '198.18.1.1', clientPort: 40000, seq: { from: 4294967000, to: 100 }, ack: { from: 1, to: 2 }, windowBytes: 65535, maxSendWindowBytes: 65535, ssn: { from: 1, to: 1 }, dsn: { from: '0', to: '18446744073709551615' }, checksums: true, tokens: ['0123abcd'] };
    expect(validateScenario(edited(minimalDocument(), (d) => (d.attackers = [withPrior(prior)])))).toEqual([]);
  });

  it('ui holds anything', () => {
    expect(validateScenario(edited(minimalDocument(), (d) => (d.ui = { positions: { client: [1, 2] }, anything: null })))).toEqual([]);
  });
  it('reports every problem at once', () => {
    const doc = edited(minimalDocument(), (d) => {
      d.seed = -1;
      d.links[0].delayUs = 'slow';
      d.hosts[1].interfaces[0].addresses[0] = 'nope/24';
      d.traffic[0].bytes = 0;
      d.colour = 'red';
    });
    expectProblems(doc, [
      { path: '$.seed', code: 'SCENARIO_RANGE' },
      { path: '$.hosts[1].interfaces[0].addresses[0]', code: 'SCENARIO_FORMAT' },
      { path: '$.links[0].delayUs', code: 'SCENARIO_TYPE' },
      { path: '$.traffic[0].bytes', code: 'SCENARIO_RANGE' },
      { path: '$.colour', code: 'SCENARIO_UNKNOWN_FIELD' },
    ]);
  });
  it('a value that is not an object is one problem', () => {
    expect(validateScenario([])).toEqual([{ path: '$', code: 'SCENARIO_TYPE', message: 'must be an object, got an array' }]);
  });
});
