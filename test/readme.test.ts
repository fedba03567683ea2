import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sheetLayoutMarkdown } from '../scripts/sheet-layout.js';

describe('README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  it('when the schemas change, then the sheet layout section must be regenerated (npm run readme)', () => {
    expect(readme).toContain(sheetLayoutMarkdown());
  });
  it('when a newcomer reads it, then it shows the two commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
