/**
 * The attacks of security-model.md §3 as data: id, label, what it does,
 * where it comes from, and the schema of its parameters. No behaviour here
 * (that is in `strategies/`), so the scenario validator can use it.
 */
import type { AttackId } from '../scenario/types.ts';
import { enumOf, int, obj, str, withDefault, type AnySchema } from '../scenario/schema-dsl.ts';
import { ADDRESS_FORMAT } from '../scenario/addresses.ts';

export interface AttackInfo {
  id: AttackId;
  label: string;
  /** One paragraph for people. */
  description: string;
  /** Where the attack is described. */
  rfc: string;
  /** Needs to send (an eavesdropper cannot follow it). */
  needsActive: boolean;
  /** Makes hosts connect to the attacker, so it needs an address of its own. */
  needsAddress?: boolean;
  /** Its parameters: validated, and defaults filled, when an attacker is built. */
  params: AnySchema;
}

const none = obj({}, { description: 'This attack takes no parameters.' }) as AnySchema;

const HOUR_US = 3_600_000_000;
const hostAddressText = (description: string) => str({ format: ADDRESS_FORMAT, description });
const strikeAt = (description: string) => withDefault(int({ min: 0, max: HOUR_US, unit: 'microseconds', description }), 100_000);
/** Time between two blind guesses: 10 µs, so a budget of 1000 takes 10 ms of simulated time. */
const guessSpacing = withDefault(
  int({ min: 1, max: 1_000_000, unit: 'microseconds', description: 'Time between two blind guesses, when it has to guess (it lacks what it needs to know).' }),
  10,
);

export const DATA_INJECTION_PARAMS = obj(
  {
    victim: withDefault(enumOf(['client', 'server'], { noun: 'a victim', description: 'Whose application gets the forged bytes.' }), 'server'),
    atUs: strikeAt('When it injects.'),
    text: withDefault(
      str({ pattern: /^[\x20-\x7e]*$/, patternText: 'printable ASCII text', minLength: 1, maxLength: 1000, description: 'The bytes it puts into the stream.' }),
      'INJECTED BY THE ATTACKER',
    ),
    spacingUs: guessSpacing,
  },
  { description: 'Parameters of data-injection.' },
);

export const ADD_ADDR_HIJACK_PARAMS = obj(
  {
    atUs: strikeAt('When it sends the forged ADD_ADDR.'),
    victim: withDefault(enumOf(['client', 'server'], { noun: 'a victim', description: 'The end that receives the ADD_ADDR and joins the attacker.' }), 'client'),
    addressId: withDefault(int({ min: 1, max: 255, description: 'Address ID it announces its address with.' }), 9),
    spacingUs: guessSpacing,
  },
  { description: 'Parameters of add-addr-hijack.' },
);

const hijackText = withDefault(
  str({ pattern: /^[\x20-\x7e]*$/, patternText: 'printable ASCII text', minLength: 1, maxLength: 1000, description: 'The bytes it sends on its subflow.' }),
  'HIJACKED BY THE ATTACKER',
);

export const HANDSHAKE_HIJACK_PARAMS = obj(
  { atUs: withDefault(int({ min: 0, max: HOUR_US, unit: 'microseconds', description: 'When it joins.' }), 200_000), text: hijackText, spacingUs: guessSpacing },
  { description: 'Parameters of handshake-eavesdrop-hijack.' },
);

export const TIME_SHIFTED_PARAMS = obj(
  {
    delayUs: withDefault(int({ min: 0, max: HOUR_US, unit: 'microseconds', description: 'How long after leaving the path it acts (on-path attackers: after the start).' }), 100_000),
    text: hijackText,
    spacingUs: guessSpacing,
  },
  { description: 'Parameters of time-shifted-hijack.' },
);

export const JOIN_FLOOD_PARAMS = obj(
  {
    atUs: withDefault(int({ min: 0, max: HOUR_US, unit: 'microseconds', description: 'When the flood starts.' }), 50_000),
    count: withDefault(int({ min: 0, max: 100_000, unit: 'packets', description: 'SYN+MP_JOIN packets it sends.' }), 32),
    spacingUs: withDefault(int({ min: 1, max: 1_000_000, unit: 'microseconds', description: 'Time between two of them.' }), 100),
  },
  { description: 'Parameters of join-dos and syn-flood-amplification.' },
);

export const ADD_ADDR_FLOODING_PARAMS = obj(
  {
    atUs: strikeAt('When it sends the first forged ADD_ADDR.'),
    target: withDefault(hostAddressText('The address it wants flooded (the victim).'), '198.19.0.66'),
    count: withDefault(int({ min: 1, max: 200, description: 'ADD_ADDRs it forges, each with another address ID.' }), 4),
    victim: withDefault(enumOf(['client', 'server'], { noun: 'a victim', description: 'The end it tricks into sending to the target.' }), 'client'),
    spacingUs: guessSpacing,
  },
  { description: 'Parameters of add-addr-flooding.' },
);

export const SYN_JOIN_REDIRECT_PARAMS = obj(
  {
    atUs: strikeAt('When, having taken over no join by then, it tries to get its own address joined blindly (the token, then the third-ACK HMAC).'),
    spacingUs: guessSpacing,
  },
  { description: 'Parameters of syn-join-redirect.' },
);

export const BLIND_RESET_PARAMS = obj(
  {
    method: withDefault(
      enumOf(['rst', 'mp-tcprst', 'mp-fastclose', 'remove-addr'], {
        noun: 'a reset method',
        description: 'rst: a TCP RST per subflow; mp-tcprst: the same with MP_TCPRST; mp-fastclose: MP_FASTCLOSE with the victim key; remove-addr: REMOVE_ADDR for the peer addresses.',
      }),
      'rst',
    ),
    victim: withDefault(enumOf(['client', 'server'], { noun: 'a victim', description: 'Which end receives the forged packets.' }), 'client'),
    atUs: strikeAt('When it strikes.'),
    spacingUs: withDefault(int({ min: 1, max: 1_000_000, unit: 'microseconds', description: 'Time between two blind guesses.' }), 10),
  },
  { description: 'Parameters of blind-reset.' },
);

export const ATTACKS: readonly AttackInfo[] = [
  {
    id: 'add-addr-hijack',
    label: 'ADD_ADDR hijack',
    description: "Forge an ADD_ADDR announcing the attacker's address; the peer joins through the attacker, which relays and becomes a man in the middle.",
    rfc: 'RFC 7430 §2',
    needsActive: true,
    needsAddress: true,
    params: ADD_ADDR_HIJACK_PARAMS as AnySchema,
  },
  {
    id: 'join-dos',
    label: 'MP_JOIN denial of service',
    description: "With a known token, send SYN+MP_JOIN from spoofed addresses to fill the server's half-open join slots, so a legitimate join is refused.",
    rfc: 'RFC 7430 §3',
    needsActive: true,
    params: JOIN_FLOOD_PARAMS as AnySchema,
  },
  {
    id: 'syn-flood-amplification',
    label: 'SYN flood amplification',
    description: 'Open one session legitimately, then send SYN+MP_JOIN with its token from many spoofed sources: SYN cookies cannot cover joins, so the server keeps state and computes an HMAC per SYN.',
    rfc: 'RFC 7430 §4',
    needsActive: true,
    needsAddress: true,
    params: JOIN_FLOOD_PARAMS as AnySchema,
  },
  {
    id: 'handshake-eavesdrop-hijack',
    label: 'Handshake eavesdrop, then hijack',
    description: 'Read both keys from the initial handshake, leave, and later add a subflow (or forge ADD_ADDR, REMOVE_ADDR, MP_FASTCLOSE) with valid HMACs.',
    rfc: 'RFC 7430 §5',
    needsActive: true,
    needsAddress: true,
    params: HANDSHAKE_HIJACK_PARAMS as AnySchema,
  },
  {
    id: 'syn-join-redirect',
    label: 'SYN/JOIN redirect',
    description: "Intercept a SYN+MP_JOIN and rewrite its source address to the attacker's, since the join HMAC does not cover addresses.",
    rfc: 'RFC 7430 §6',
    needsActive: true,
    needsAddress: true,
    params: SYN_JOIN_REDIRECT_PARAMS as AnySchema,
  },
  {
    id: 'add-addr-flooding',
    label: 'ADD_ADDR flooding (bombing)',
    description: "Announce a victim's address so that a legitimate endpoint sends traffic to the victim.",
    rfc: 'RFC 6181 §5',
    needsActive: true,
    params: ADD_ADDR_FLOODING_PARAMS as AnySchema,
  },
  {
    id: 'time-shifted-hijack',
    label: 'Time-shifted hijack',
    description: 'Learn what is needed while on the path, then act after leaving it.',
    rfc: 'RFC 6181 §6.2',
    needsActive: true,
    needsAddress: true,
    params: TIME_SHIFTED_PARAMS as AnySchema,
  },
  {
    id: 'blind-reset',
    label: 'Reset injection',
    description: 'Inject RST, MP_TCPRST, MP_FASTCLOSE or REMOVE_ADDR to tear down subflows or the connection.',
    rfc: 'RFC 5961 (TCP heritage)',
    needsActive: true,
    params: BLIND_RESET_PARAMS as AnySchema,
  },
  {
    id: 'data-injection',
    label: 'Data injection',
    description: 'Inject a segment with a DSS mapping to put bytes into the stream.',
    rfc: 'TCP heritage',
    needsActive: true,
    params: DATA_INJECTION_PARAMS as AnySchema,
  },
  {
    id: 'passive-eavesdrop',
    label: 'Passive eavesdropping',
    description: 'Just watch, and record what was learned: addresses and ports, sequence numbers, keys and tokens, application data.',
    rfc: 'RFC 7430 §1',
    needsActive: false,
    params: none,
  },
];

export const ATTACK_IDS = ATTACKS.map((a) => a.id);

export function attackInfo(id: AttackId): AttackInfo {
  return ATTACKS.find((a) => a.id === id)!;
}
