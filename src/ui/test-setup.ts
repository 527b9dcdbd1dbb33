// jsdom setup for UI tests.
export {};
