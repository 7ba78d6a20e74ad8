// RuleTester replaces this file's text with each test case's code; it only has to exist and be in tsconfig.json.
export {};
