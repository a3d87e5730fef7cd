/** SP007 material in comments: commented-out settings and passwords inside comment prose. */
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';

describe('credentials in comments', () => {
  it('finds a mail password inside a commented docker run line', () => {
    const text = [
      'FROM eclipse-temurin:21',
      '# docker run -e MAIL_HOST=smtp.gmail.com -e MAIL_PASSWORD=dtpwjacvgseytoek -d app',
      'ENV JAVA_OPTS=-Xmx512m',
    ].join('\n');
    const x = extract('Dockerfile', text);
    expect(x.looseSecrets.map((s) => [s.key, s.at.line])).toEqual([['MAIL_PASSWORD', 2]]);
    expect(JSON.stringify(x)).not.toContain('dtpwjacvgseytoek');
  });

  it('ignores placeholders and non-mail passwords in comments', () => {
    const text = [
      '# MAIL_PASSWORD=your-app-password',
      '# DB_PASSWORD=hunter2hunter2',
      '# SMTP_PASSWORD=${SMTP_PASSWORD}',
      'APP_ENV=production',
    ].join('\n');
    expect(extract('.env', text).looseSecrets).toEqual([]);
  });

  it('does not read a relay server (RELAY_*) as a client endpoint', () => {
    const text = [
      'RELAY_HOST=0.0.0.0:25',
      'RELAY_LOGIN=smtp',
      'RELAY_PASSWORD=3irp7cvHc3GE3osL',
    ].join('\n');
    expect(extract('smtp.env', text).endpoints).toEqual([]);
  });
});
