import { optionMarks, type LessonWait, type Scenario, type TimelineData } from '../../../engine/index.ts';

/** Whether the learner has done what a step waits for, read from what is on screen. */
export function waitSatisfied(wait: LessonWait, s: { draft: Scenario | null; scene: Scenario | null; selectedFrame: number | null; timeline: TimelineData | null }): boolean {
  switch (wait.action) {
    case 'place-attacker': {
      const before = new Set(s.scene?.attackers.map((a) => a.id) ?? []);
      return (s.draft?.attackers ?? []).some((a) => !before.has(a.id) && (wait.attack === undefined || a.attack === wait.attack));
    }
    case 'open-packet': {
      const f = s.selectedFrame;
      if (f === null) return false;
      if (wait.option === undefined) return true;
      const t = s.timeline;
      return t !== null && f >= 1 && f <= t.count && (t.marks[f - 1]! & optionMarks(wait.option)) !== 0;
    }
    case 'switch-protocol':
      return s.draft?.protocol === wait.protocol;
  }
}

/** What the learner is asked to do, as an instruction. */
export function waitText(wait: LessonWait): string {
  switch (wait.action) {
    case 'place-attacker':
      return wait.attack ? `Place an attacker running ${wait.attack} (drag it from the Attacks palette onto a link).` : 'Place an attacker (drag an attack from the Attacks palette onto a link).';
    case 'open-packet':
      return wait.option ? `Open a packet carrying ${wait.option} (click its arrow in the ladder or its row in the packet list).` : 'Open a packet (click an arrow in the ladder or a row in the packet list).';
    case 'switch-protocol':
      return `Switch the protocol to ${wait.protocol} (the protocol switch above the views).`;
  }
}
