import { describe, expect, it } from 'vitest';
import { englishComments } from '../../../src/lib/code-comments';

const fenced = (...lines: string[]) => ['正文。', '```python', ...lines, '```', '正文。'].join('\n');

describe('englishComments', () => {
  it.each([
    ['a Chinese comment', '# 每个请求都打开一次连接', []],
    ['a file name', '# gunicorn.conf.py', []],
    ['a command as a comment', 'heroku restart   # Fly.io：fly apps restart my-python-app', []],
    ['an English sentence', 'db.commit()  # without this, the update is discarded', ['without this, the update is discarded']],
    ['an English sentence in SQL', '-- one extra query per note', ['one extra query per note']],
    ['a JavaScript comment', '// Wrong: the title becomes part of the SQL text', ['Wrong: the title becomes part of the SQL text']],
    ['mixed Chinese and English', '# 错误：the title 成了 SQL 的一部分', []],
  ])('%s', (_, line, expected) => {
    expect(englishComments(fenced(line)).map((p) => p.comment)).toEqual(expected);
  });

  it('reads only inside fences, and gives the line in the file', () => {
    const source = ['# A heading that is not code at all', '```bash', 'echo hi  # this prints a greeting for you', '```'].join('\n');
    expect(englishComments(source)).toEqual([{ line: 3, comment: 'this prints a greeting for you' }]);
  });
});
