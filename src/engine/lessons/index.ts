// Public surface of the lessons module; src/engine/index.ts re-exports from here.
export { LESSON_SCHEMA_VERSION, LESSON_LIMITS, type Lesson, type LessonInput, type LessonStep, type LessonSetup, type LessonFact, type LessonQuestion, type LessonFocus, type LessonWait, type LessonExercise, type LessonGoal, type LessonAnswer, type LessonLock, type LessonView } from './lesson-schema.ts';
export { loadLesson, lessonJsonSchemaText, lessonSizeProblem, LESSON_MAX_BYTES, type LessonLoadResult } from './load-lesson.ts';
export { lessonOutcome, type LessonOutcome } from './outcome.ts';
export { evaluateFact, evaluateFacts, type FactResult } from './facts.ts';
export { checkGoal, judgeGoal, runForLesson, type GoalCheck, type GoalCheckLine, type CandidateCost } from './check-goal.ts';
export { scenarioOfSetup, withStepSwitch, applyAnswer, stepScenarios } from './setup.ts';
export { BUILTIN_LESSONS, BUILTIN_LESSON_DOCUMENTS, builtinLesson } from './builtin/index.ts';
export { BUILTIN_LESSON_IDS, loadBuiltinLessons } from './builtin-lessons-lazy.ts';
export { focusTarget, optionMarks } from './focus.ts';
export { verifyLesson, type LessonCheck } from './verify-lesson.ts';
