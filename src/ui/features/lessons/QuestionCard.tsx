import { useState } from 'react';
import { evaluateFacts, type LessonQuestion } from '../../../engine/index.ts';
import type { SimulationSummary } from '../../../worker/capture-client.ts';
import type { StepAnswer } from '../../store/lesson-model.ts';
import { Markdown } from './Markdown.tsx';

const seconds = (us: number) => `${(us / 1e6).toFixed(3)} s`;

/** Predict, then reveal: the learner answers first; the reveal shows what the engine's run decided and why. */
export function QuestionCard({ question, answer, onAnswer, summary }: { question: LessonQuestion; answer: StepAnswer | undefined; onAnswer(a: StepAnswer): void; summary: SimulationSummary | null }) {
  const [choice, setChoice] = useState<number | null>(null);
  const [text, setText] = useState('');
  return (
    <section className="lesson-question" aria-label="Question">
      <Markdown className="lesson-question__prompt" source={question.prompt} />
      {answer === undefined ? (
        <form
          className="lesson-question__form"
          onSubmit={(e) => {
            e.preventDefault();
            if (question.kind === 'choice' && choice !== null) onAnswer({ choice });
            if (question.kind === 'text' && text.trim()) onAnswer({ text: text.trim() });
          }}
        >
          {question.kind === 'choice' ? (
            <fieldset className="lesson-question__choices">
              <legend className="visually-hidden">Your prediction</legend>
              {question.choices.map((c, k) => (
                <label key={k} className="lesson-question__choice">
                  <input type="radio" name="lesson-choice" checked={choice === k} onChange={() => setChoice(k)} /> {c.text}
                </label>
              ))}
            </fieldset>
          ) : (
            <label className="lesson-question__text">
              Your prediction
              <textarea rows={3} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} />
            </label>
          )}
          <button type="submit" className="btn btn--primary btn--small" disabled={question.kind === 'choice' ? choice === null : text.trim() === ''}>
            Answer, then reveal
          </button>
          <p className="lesson-question__note">The run's verdicts stay hidden until you answer.</p>
        </form>
      ) : (
        <Reveal question={question} answer={answer} summary={summary} />
      )}
    </section>
  );
}

function Reveal({ question, answer, summary }: { question: LessonQuestion; answer: StepAnswer; summary: SimulationSummary | null }) {
  if (!summary) return <p className="lesson-reveal__wait">Waiting for the run…</p>;
  const o = summary.outcome;
  const decisions = summary.verdicts.slice(0, 4);
  if (question.kind === 'choice') {
    const holding = question.choices.map((c) => evaluateFacts(c.when, o));
    const right = holding.findIndex((h) => h.holds);
    const picked = 'choice' in answer ? answer.choice : -1;
    return (
      <div className="lesson-reveal" role="status">
        <p className={`lesson-reveal__verdict ${picked === right ? 'lesson-reveal__verdict--right' : 'lesson-reveal__verdict--wrong'}`}>
          {right < 0 ? 'The engine’s run matches none of the choices.' : picked === right ? 'Right: the engine’s run agrees with you.' : `Not this time: the engine’s run says “${question.choices[right]!.text}”.`}
        </p>
        {right !== question.answer && <p className="lesson-reveal__drift">This run differs from what the lesson was written for (you changed the scenario, or the engine changed): the explanation below may not apply.</p>}
        <Findings findings={holding[right < 0 ? question.answer : right]!.findings} />
        <Decisions decisions={decisions} />
        <Markdown className="lesson-reveal__explain" source={question.explain} />
      </div>
    );
  }
  const facts = evaluateFacts(question.facts, o);
  return (
    <div className="lesson-reveal" role="status">
      <p className="lesson-reveal__yours">
        You wrote: <q>{'text' in answer ? answer.text : ''}</q>
      </p>
      <Findings findings={facts.findings} />
      <Decisions decisions={decisions} />
      <Markdown className="lesson-reveal__explain" source={question.explain} />
    </div>
  );
}

function Findings({ findings }: { findings: { holds: boolean; finding: string }[] }) {
  return (
    <div className="lesson-reveal__findings">
      <h4>What the engine found</h4>
      <ul>
        {findings.map((f, k) => (
          <li key={k}>{f.finding}</li>
        ))}
      </ul>
    </div>
  );
}

function Decisions({ decisions }: { decisions: SimulationSummary['verdicts'] }) {
  if (decisions.length === 0) return null;
  return (
    <div className="lesson-reveal__decisions">
      <h4>The hosts’ decisions behind it</h4>
      <ul>
        {decisions.map((d, k) => (
          <li key={k}>
            <span className="lesson-reveal__time">{seconds(d.timeUs)}</span> {d.host}: {d.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
