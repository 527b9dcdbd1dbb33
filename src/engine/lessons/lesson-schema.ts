/**
 * The lesson document's shape, in the scenario's schema DSL: one definition
 * validates (every problem with its JSON path), fills defaults and publishes
 * JSON Schema (public/lesson.schema.json). References to built-in
 * scenarios and the exercise answers are checked in `validate-lesson.ts`.
 *
 * A lesson is data only: text, the scenarios it runs (built-ins with
 * switches), facts about runs that the engine evaluates, and goals the
 * engine checks. Nothing in it is code, so a lesson from a link or a file
 * can do nothing but run the engine.
 */
import { anyObject, arr, bool, describe, enumOf, int, literal, named, obj, str, union, withDefault, type In, type Out } from '../scenario/schema-dsl.ts';
import { HOST_MITIGATIONS, type Scenario } from '../scenario/types.ts';
import { ATTACK_IDS } from '../attacks/catalog.ts';
import { FAILURES } from '../monitors/failure-catalog.ts';

export const LESSON_SCHEMA_VERSION = 1;

/** Bounds that keep a lesson small enough to share as a link and to read at once. */
export const LESSON_LIMITS = { steps: 60, textChars: 4000, choices: 6, hints: 8, candidates: 16 } as const;

type MacAlgorithm = Scenario['mptcp']['macAlgorithm'];

const FAILURE_IDS = FAILURES.map((f) => f.id);
const PROTOCOLS = ['mptcp-v0', 'mptcp-v1', 'tcp'] as const;
const LOCATIONS = ['off-path', 'partial-time-on-path', 'on-path'] as const;
const CAPABILITIES = ['eavesdropper', 'active'] as const;
const VIEWS = ['overview', 'timeline', 'topology', 'packets'] as const;
const MAC_ALGORITHMS = ['version-default', 'hmac-sha1', 'hmac-sha256', 'aes-cmac'] as const satisfies readonly MacAlgorithm[];
const HASH_WORK = ['all', 'sha-compressions', 'cipher-blocks'] as const;
const OPTIONS = ['MP_CAPABLE', 'MP_JOIN', 'DSS', 'ADD_ADDR', 'REMOVE_ADDR', 'MP_PRIO', 'MP_FAIL', 'MP_FASTCLOSE', 'MP_TCPRST'] as const;

const id = str({ pattern: /^[a-z][a-z0-9-]*$/, patternText: "an id: a lowercase letter, then lowercase letters, digits or '-'", maxLength: 64, description: 'Lesson id.' });
const line = (description: string) => str({ minLength: 1, maxLength: 200, description });
const text = (description: string) => str({ minLength: 1, maxLength: LESSON_LIMITS.textChars, description });
const failure = enumOf(FAILURE_IDS, { noun: 'a failure id' });
const attack = enumOf(ATTACK_IDS, { noun: 'an attack id' });
const protocol = enumOf(PROTOCOLS, { noun: 'a protocol' });
const macAlgorithm = enumOf(MAC_ALGORITHMS, { noun: 'a MAC algorithm', description: 'Replaces the scenario\'s MAC of join and ADD_ADDR HMACs (version-default: v0 HMAC-SHA1, v1 HMAC-SHA256; aes-cmac is a what-if).' });
const mitigations = arr(enumOf(HOST_MITIGATIONS, { noun: 'a mitigation' }), { unique: true, description: 'Replaces the scenario\'s mitigations (an empty list: none).' });

/** The scenario a step loads: a built-in with the app's switches. */
const setup = named(
  'lessonSetup',
  obj(
    {
      builtin: str({ pattern: /^[a-z][a-z0-9-]*$/, patternText: 'a built-in scenario id', maxLength: 64, description: 'A built-in scenario id, e.g. "attack-add-addr-hijack".' }),
      scenario: anyObject({ description: 'A whole scenario document (a teacher\'s own network), instead of a built-in; checked like a scenario file.' }),
      protocol,
      mitigations,
      macAlgorithm,
      withoutAttackers: withDefault(bool({ description: 'Load it with its attackers removed (for the learner to place their own).' }), false),
    },
    { optional: ['builtin', 'scenario', 'protocol', 'mitigations', 'macAlgorithm'], description: 'Load a built-in scenario (or the scenario given whole), with these switches, and run it. Exactly one of builtin and scenario.' },
  ),
);

/** A fact about a run that the engine decides; every fact names what it reads, never an estimate. */
const fact = named(
  'lessonFact',
  union(
    'fact',
    {
      failure: obj({ fact: literal('failure'), failure, occurs: bool({ description: 'True: the monitors found it; false: they did not.' }) }, { description: 'A security failure was (or was not) found by its monitor.' }),
      'mptcp-specific': obj({ fact: literal('mptcp-specific'), failure }, { description: 'The failure occurred and single-path TCP with the same attacker does not suffer it.' }),
      attempted: obj({ fact: literal('attempted'), attempted: bool(), attacker: line('An attacker id; absent: any attacker.') }, { optional: ['attacker'], description: 'An attacker acted (or did not: "not attempted").' }),
      inherited: obj({ fact: literal('inherited'), failure }, { description: 'The failure occurred and single-path TCP with the same attacker suffers it too.' }),
      'tcp-only': obj({ fact: literal('tcp-only'), failure }, { description: 'Single-path TCP with the same attacker suffers the failure and this run does not: MPTCP spared it.' }),
      'hash-work': obj(
        {
          fact: literal('hash-work'),
          of: withDefault(enumOf(HASH_WORK, { noun: 'a kind of hash work', description: 'all: SHA compression-function calls plus cipher blocks; or one of the two.' }), 'all'),
          atLeast: int({ min: 0, max: 1_000_000_000_000 }),
          atMost: int({ min: 0, max: 1_000_000_000_000 }),
        },
        { optional: ['atLeast', 'atMost'], description: 'The run\'s hash work (hosts and attackers) lies within these bounds (at least one is required).' },
      ),
      'no-failures': obj({ fact: literal('no-failures') }, { description: 'The monitors found no failure at all.' }),
      'data-intact': obj({ fact: literal('data-intact'), intact: bool() }, { description: 'Every application read exactly what its peer wrote.' }),
    },
    { noun: 'a fact' },
  ),
);

const choiceQuestion = obj(
  {
    kind: literal('choice'),
    prompt: text('The question, asked before the answer is shown.'),
    choices: arr(obj({ text: line('The choice as the learner reads it.'), when: arr(fact, { min: 1, max: 6, description: 'Facts that all hold on the run exactly when this choice is right.' }) }), { min: 2, max: LESSON_LIMITS.choices }),
    answer: int({ min: 0, max: LESSON_LIMITS.choices - 1, description: 'The choice (from 0) the explanation assumes; the lesson\'s test, and the app at the reveal, check that the engine\'s run agrees.' }),
    explain: text('Shown with the engine\'s result once the learner has answered.'),
  },
  { description: 'Multiple choice: the engine\'s run decides which choice is right.' },
);

const textQuestion = obj(
  {
    kind: literal('text'),
    prompt: text('The question, asked before the answer is shown.'),
    facts: arr(fact, { min: 1, max: 6, description: 'The facts of the run the reveal shows (each holds on the run).' }),
    explain: text('The model answer, shown with the facts once the learner has written theirs.'),
  },
  { description: 'Free text: the learner writes a prediction; the reveal shows the engine\'s facts and the model answer.' },
);

const question = named('lessonQuestion', union('kind', { choice: choiceQuestion, text: textQuestion }, { noun: 'a question kind' }));

const focus = named(
  'lessonFocus',
  union(
    'at',
    {
      time: obj({ at: literal('time'), us: int({ min: 0, max: 3_600_000_000, unit: 'microseconds' }) }, { description: 'Move the replay to this simulated time.' }),
      failure: obj({ at: literal('failure'), failure }, { description: 'Move the replay to when this failure first held and select its first evidence packet.' }),
      option: obj({ at: literal('option'), option: enumOf(OPTIONS, { noun: 'an MPTCP option' }), nth: withDefault(int({ min: 1, max: 1000 }), 1) }, { description: 'Select the nth packet carrying this MPTCP option.' }),
      'attacker-packet': obj({ at: literal('attacker-packet'), nth: withDefault(int({ min: 1, max: 1000 }), 1) }, { description: 'Select the nth packet an attacker sent.' }),
    },
    { noun: 'a focus' },
  ),
);

const waitFor = named(
  'lessonWait',
  union(
    'action',
    {
      'place-attacker': obj({ action: literal('place-attacker'), attack }, { optional: ['attack'], description: 'Go on once the learner has placed an attacker (of this attack).' }),
      'open-packet': obj({ action: literal('open-packet'), option: enumOf(OPTIONS, { noun: 'an MPTCP option' }) }, { optional: ['option'], description: 'Go on once the learner has opened a packet (carrying this option).' }),
      'switch-protocol': obj({ action: literal('switch-protocol'), protocol }, { description: 'Go on once the scenario runs this protocol.' }),
    },
    { noun: 'an action' },
  ),
);

const goal = named(
  'lessonGoal',
  obj(
    {
      protocol: describe(protocol, 'The learner\'s run must use this protocol.'),
      attacker: obj(
        {
          attack,
          location: arr(enumOf(LOCATIONS, { noun: 'a location' }), { min: 1, unique: true }),
          capability: enumOf(CAPABILITIES, { noun: 'a capability' }),
        },
        { optional: ['attack', 'location', 'capability'], description: 'The run must have an attacker like this that acted (a "not attempted" one does not count).' },
      ),
      occur: arr(failure, { unique: true, description: 'Failures the monitors must find.' }),
      absent: arr(failure, { unique: true, description: 'Failures the monitors must not find.' }),
      tcpOnly: arr(failure, { unique: true, description: 'Failures single-path TCP with the same attackers must suffer while the learner\'s run does not (MPTCP spares them).' }),
      noFailures: bool({ description: 'The monitors must find no failure at all.' }),
      cheapest: obj(
        { among: arr(mitigations, { min: 1, max: LESSON_LIMITS.candidates, description: 'Mitigation sets to compare with the learner\'s.' }) },
        { description: 'The learner\'s mitigations must stop every failure at no more hash work (SHA compressions and cipher blocks in the run) than any of these sets that also stops every failure.' },
      ),
    },
    { optional: ['protocol', 'attacker', 'occur', 'absent', 'tcpOnly', 'noFailures', 'cheapest'], description: 'What the engine must find on the learner\'s run.' },
  ),
);

/** The answer network, in Packet Tracer's words: what to change to meet the goal (the lesson's tests check that it does). */
const answer = named(
  'lessonAnswer',
  obj(
    {
      protocol,
      mitigations,
      attackers: arr(anyObject({ description: 'An attacker, as in a scenario\'s "attackers".' }), { max: 8, description: 'Attackers that replace the scenario\'s.' }),
      text: text('The answer in words, for the handout.'),
    },
    { optional: ['protocol', 'mitigations', 'attackers'] },
  ),
);

const exercise = named(
  'lessonExercise',
  obj(
    {
      task: text('What the learner must do.'),
      goal,
      hints: arr(text('A hint'), { min: 1, max: LESSON_LIMITS.hints, description: 'Unlocked one at a time, after a failed check or on request.' }),
      answer,
    },
    { description: 'A goal the engine checks on the learner\'s own scenario.' },
  ),
);

const lock = obj(
  {
    topology: withDefault(bool(), false),
    protocol: withDefault(bool(), false),
    mitigations: withDefault(bool(), false),
    attackers: withDefault(bool(), false),
  },
  { description: 'Parts of the scenario the learner cannot change while the step is shown.' },
);

const step = named(
  'lessonStep',
  obj(
    {
      title: line('The step\'s title.'),
      text: text('Markdown: paragraphs, **bold**, *italic*, `code`, lists and links; "RFC 8684 §3.4.1" becomes a link.'),
      setup,
      switch: obj({ protocol, mitigations, macAlgorithm }, { optional: ['protocol', 'mitigations', 'macAlgorithm'], description: 'Change the scenario\'s switches and re-run (the learner\'s other edits stay).' }),
      focus,
      view: enumOf(VIEWS, { noun: 'a view' }),
      question,
      waitFor,
      exercise,
      lock,
      presenterNote: text('Said by the teacher, never shown to the class.'),
    },
    { optional: ['setup', 'switch', 'focus', 'view', 'question', 'waitFor', 'exercise', 'lock', 'presenterNote'] },
  ),
);

export const lessonSchema = obj(
  {
    schemaVersion: literal(LESSON_SCHEMA_VERSION, { description: 'Lesson format version.' }),
    id,
    title: line('The lesson\'s title.'),
    summary: text('What the lesson teaches, in a sentence or two.'),
    rfc: arr(line('A reference, e.g. "RFC 7430 §2".'), { max: 12 }),
    minutes: withDefault(int({ min: 1, max: 240, description: 'How long it takes, roughly.' }), 10),
    steps: arr(step, { min: 1, max: LESSON_LIMITS.steps }),
  },
  { description: 'A lesson of MPTCP Threat Lab: steps over engine runs, with questions and exercises the engine checks.' },
);

export type LessonInput = In<typeof lessonSchema>;
export type Lesson = Out<typeof lessonSchema>;
export type LessonStep = Lesson['steps'][number];
export type LessonSetup = NonNullable<LessonStep['setup']>;
export type LessonFact = Out<typeof fact>;
export type LessonQuestion = NonNullable<LessonStep['question']>;
export type LessonFocus = NonNullable<LessonStep['focus']>;
export type LessonWait = NonNullable<LessonStep['waitFor']>;
export type LessonExercise = NonNullable<LessonStep['exercise']>;
export type LessonGoal = LessonExercise['goal'];
export type LessonAnswer = LessonExercise['answer'];
export type LessonLock = NonNullable<LessonStep['lock']>;
export type LessonView = (typeof VIEWS)[number];
