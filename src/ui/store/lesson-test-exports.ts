// Test-only re-exports, so the lesson store test reads like the app.
export { builtinLesson, MARK } from '../../engine/index.ts';
export { selectVerdictsConcealed } from './selectors.ts';
