/**
 * Recording a lesson step from what is on screen, as data: the scenario
 * (the built-in with its switches when the draft is one, else the whole
 * draft), the moment and the selected packet, and the view. A question is
 * made from the run's own facts, its answer decided by the engine's
 * evaluateFacts on the run's outcome, so a recorded lesson can only say
 * what the engine found.
 */
import { MARK, evaluateFact, evaluateFacts, failureInfo, type LessonFact, type LessonInput, type LessonOutcome, type Scenario, type TimelineData } from '../../../../engine/index.ts';
import { isBuiltinWithSwitches } from '../../../lib/share-link.ts';
import type { DraftBase, MainView } from '../../../store/types.ts';

export type AuthoredStep = LessonInput['steps'][number];
type StepSetup = NonNullable<AuthoredStep['setup']>;
type StepFocus = NonNullable<AuthoredStep['focus']>;
export type StepQuestion = NonNullable<AuthoredStep['question']>;
export type ChoiceQuestion = Extract<StepQuestion, { kind: 'choice' }>;
type FocusOption = Extract<StepFocus, { at: 'option' }>['option'];
export type FailureId = Extract<LessonFact, { fact: 'failure' }>['failure'];

/** What is on screen when a step is recorded. */
export interface OnScreen {
  draft: Scenario;
  draftBase: DraftBase | null;
  nowUs: number;
  selectedFrame: number | null;
  mainView: MainView;
  timeline: TimelineData | null;
}

/**
 * The options a focus can name, most telling first: a packet carrying an
 * ADD_ADDR and a DSS is "the ADD_ADDR". DSS is not among them: nearly every
 * packet carries one, and the ladder's marks split it (DSS_MAP, DATA_ACK).
 */
export const FOCUS_OPTIONS = ['MP_CAPABLE', 'MP_JOIN', 'ADD_ADDR', 'REMOVE_ADDR', 'MP_PRIO', 'MP_FAIL', 'MP_FASTCLOSE', 'MP_TCPRST'] as const satisfies readonly FocusOption[];

const LESSON_VIEWS = ['overview', 'timeline', 'topology', 'packets'] as const;
const MAX_FOCUS_US = 3_600_000_000;

/** The scenario on screen as a step's setup. */
export function setupOf(draft: Scenario, base: DraftBase | null): StepSetup {
  if (base && isBuiltinWithSwitches(draft, base.scenario)) return { builtin: base.id, protocol: draft.protocol, mitigations: [...draft.mptcp.mitigations] };
  return { scenario: draft as unknown as Record<string, unknown> };
}

/** The selected packet (as the nth carrying its option, or the nth an attacker sent), else the moment. */
export function focusOf(nowUs: number, frame: number | null, t: TimelineData | null): StepFocus {
  const time: StepFocus = { at: 'time', us: Math.min(MAX_FOCUS_US, Math.max(0, Math.round(nowUs))) };
  if (!t || frame === null || frame < 1 || frame > t.count) return time;
  const k = frame - 1;
  const option = FOCUS_OPTIONS.find((o) => (t.marks[k]! & MARK[o]) !== 0);
  if (option) {
    let nth = 0;
    for (let j = 0; j <= k; j++) if ((t.marks[j]! & MARK[option]) !== 0) nth++;
    return { at: 'option', option, nth };
  }
  if (t.attacker[k]! >= 0) {
    let nth = 0;
    for (let j = 0; j <= k; j++) if (t.attacker[j]! >= 0) nth++;
    return { at: 'attacker-packet', nth };
  }
  return time;
}

const viewOf = (v: MainView): AuthoredStep['view'] => (LESSON_VIEWS as readonly string[]).includes(v) ? (v as AuthoredStep['view']) : undefined;

/** A step from what is on screen, with the teacher's title and text (and a question, if any). */
export function recordStep(screen: OnScreen, words: { title: string; text: string }, question?: StepQuestion): AuthoredStep {
  const step: AuthoredStep = {
    title: words.title,
    text: words.text,
    setup: setupOf(screen.draft, screen.draftBase),
    focus: focusOf(screen.nowUs, screen.selectedFrame, screen.timeline),
  };
  const view = viewOf(screen.mainView);
  if (view) step.view = view;
  if (question) step.question = question;
  return step;
}

/**
 * "Will the monitors find this failure?", yes or no; the answer is the
 * choice whose facts hold on the run, the explanation what the engine found.
 */
export function failureQuestion(failure: FailureId, outcome: LessonOutcome): ChoiceQuestion {
  const name = failureInfo(failure).name;
  const choices = [
    { text: `Yes: ${name} occurs`, when: [{ fact: 'failure' as const, failure, occurs: true }] },
    { text: `No: ${name} does not occur`, when: [{ fact: 'failure' as const, failure, occurs: false }] },
  ];
  const answer = Math.max(0, choices.findIndex((c) => evaluateFacts(c.when, outcome).holds));
  const finding = evaluateFact(choices[0]!.when[0]!, outcome).finding;
  return {
    kind: 'choice',
    prompt: `In this run, will the monitors find ${name}?`,
    choices,
    answer,
    explain: `The engine's run: ${finding}.`,
  };
}

/** What a recorded step shows, in a line: "two-path-v1 · mptcp-v0 · the 1st ADD_ADDR · overview". */
export function describeStep(step: AuthoredStep): string {
  const parts: string[] = [];
  const s = step.setup;
  const switches = (protocol?: string, mitigations?: readonly string[]) => [...(protocol ? [protocol] : []), ...(mitigations ? [mitigations.length ? `mitigations: ${mitigations.join(', ')}` : 'no mitigations'] : [])];
  if (s?.builtin) parts.push(s.builtin, ...switches(s.protocol, s.mitigations));
  else if (s?.scenario) parts.push(`own scenario${typeof s.scenario.title === 'string' ? ` “${s.scenario.title}”` : ''}`);
  else parts.push('same scenario as before');
  if (s?.withoutAttackers) parts.push('without its attackers');
  if (step.switch) parts.push(`switched to ${switches(step.switch.protocol, step.switch.mitigations).join(', ')}`);
  const f = step.focus;
  if (f?.at === 'option') parts.push(`packet: ${ordinal(f.nth ?? 1)} ${f.option}`);
  else if (f?.at === 'attacker-packet') parts.push(`packet: attacker's ${ordinal(f.nth ?? 1)}`);
  else if (f?.at === 'time') parts.push(`at ${(f.us / 1000).toFixed(3)} ms`);
  else if (f?.at === 'failure') parts.push(`at ${f.failure}`);
  if (step.view) parts.push(`${step.view} view`);
  return parts.join(' · ');
}

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
