/**
 * dawidd6/action-send-mail workflow steps (SEMANTICS.md §1): server_port defaults to 25; secure
 * defaults to true only for 465 (nodemailer); ignore_cert turns verification off; connection_url
 * overrides the rest: smtp:// → 25 opportunistic, smtps:// → implicit, and smtp+starttls:// →
 * port 465 with secure=true, i.e. implicit TLS (an explicit URL port still keeps secure=true).
 */
import { describe, expect, it } from 'vitest';
import { only, run, summary } from './helpers.js';

const head = [
  'name: Notify', // 1
  'on: [push]', // 2
  'jobs:', // 3
  '  mail:', // 4
  '    runs-on: ubuntu-latest', // 5
  '    steps:', // 6
  '      - name: Send mail', // 7
  '        uses: dawidd6/action-send-mail@v3', // 8
  '        with:', // 9
];

describe('dawidd6/action-send-mail', () => {
  it('server_address/port 465/secure true, secrets for credentials, ignore_cert true', () => {
    const ep = only(
      run('.github/workflows/notify.yml', [
        ...head,
        '          server_address: smtp.gmail.com', // 10
        '          server_port: 465', // 11
        '          secure: true', // 12
        '          username: ${{ secrets.MAIL_USERNAME }}', // 13
        '          password: ${{ secrets.MAIL_PASSWORD }}', // 14
        '          subject: Build ${{ github.run_id }}', // 15
        '          to: team@example.com', // 16
        '          from: CI <ci@example.com>', // 17
        '          ignore_cert: true', // 18
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'dawidd6',
      line: 10,
      active: true,
      host: { value: 'smtp.gmail.com', origin: 'literal', line: 10 },
      port: { value: 465, origin: 'literal', line: 11 },
      security: { value: 'implicit-tls', line: 12 },
      tlsVerify: { value: false, line: 18 },
      password: { origin: 'secret', line: 14 },
    });
  });

  it('no server_port: action default 25; secure unset is opportunistic STARTTLS', () => {
    const ep = only(
      run('.github/workflows/mail.yaml', [
        ...head,
        '          server_address: mail.example.com', // 10
        '          username: ci', // 11
        '          password: ${{ secrets.MAIL_PASSWORD }}', // 12
        '          subject: hi', // 13
        '          to: team@example.com', // 14
        '          from: ci@example.com', // 15
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'dawidd6',
      line: 10,
      active: true,
      host: { value: 'mail.example.com', origin: 'literal', line: 10 },
      port: { value: 25, origin: 'derived', line: 10 },
      security: { value: 'starttls-opportunistic', line: 10 },
      password: { origin: 'secret', line: 12 },
    });
  });

  it('server_port "465" without secure: secure defaults to true (implicit TLS)', () => {
    const ep = only(
      run('.github/workflows/mail.yml', [
        ...head,
        '          server_address: smtp.example.com', // 10
        '          server_port: "465"', // 11
        '          username: ci', // 12
        '          password: ${{ secrets.MAIL_PASSWORD }}', // 13
      ]),
    );
    expect(ep.security.value).toBe('implicit-tls');
  });

  it('secure and port from secrets: security unknown', () => {
    const ep = only(
      run('.github/workflows/mail.yml', [
        ...head,
        '          server_address: ${{ secrets.MAIL_SERVER }}', // 10
        '          server_port: ${{ secrets.MAIL_PORT }}', // 11
        '          secure: ${{ secrets.MAIL_SECURE }}', // 12
        '          password: ${{ secrets.MAIL_PASSWORD }}', // 13
      ]),
    );
    expect(summary(ep)).toMatchObject({
      host: { origin: 'secret', line: 10 },
      port: { origin: 'secret', line: 11 },
      security: { value: 'unknown', line: 12 },
    });
  });

  it('literal connection_url smtp+starttls://host (no port) maps to 465 implicit TLS, observed as misleading', () => {
    const ep = only(
      run('.github/workflows/mail.yml', [
        ...head,
        '          connection_url: smtp+starttls://smtp.example.com', // 10
        '          username: ci', // 11
        '          password: ${{ secrets.MAIL_PASSWORD }}', // 12
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'dawidd6',
      line: 10,
      active: true,
      host: { value: 'smtp.example.com', origin: 'literal', line: 10 },
      port: { value: 465, origin: 'derived', line: 10 },
      security: { value: 'implicit-tls', line: 10 },
      password: { origin: 'secret', line: 12 },
    });
    expect(ep.ignored.map((o) => o.at.line)).toEqual([10]);
  });

  it('connection_url smtps://host is implicit TLS on 465', () => {
    const ep = only(
      run('.github/workflows/mail.yml', [
        ...head,
        '          connection_url: smtps://smtp.example.com', // 10
      ]),
    );
    expect(summary(ep)).toMatchObject({
      port: { value: 465, origin: 'derived', line: 10 },
      security: { value: 'implicit-tls', line: 10 },
    });
  });

  it('connection_url with a ${{ secrets }} password inside: scheme and host are still literal (smtp+starttls → 465 implicit)', () => {
    const ep = only(
      run('.github/workflows/mail.yml', [
        ...head,
        '          connection_url: smtp+starttls://ci%40example.com:${{ secrets.MAIL_PASSWORD }}@smtp.example.com', // 10
        '          subject: hi', // 11
      ]),
    );
    expect(summary(ep)).toMatchObject({
      ecosystem: 'dawidd6',
      line: 10,
      host: { value: 'smtp.example.com', line: 10 },
      port: { value: 465, origin: 'derived', line: 10 },
      security: { value: 'implicit-tls', line: 10 },
    });
    expect(ep.ignored.length).toBeGreaterThanOrEqual(1);
  });

  it('connection_url smtp+starttls://host:587 (secret password inside) keeps secure=true: implicit TLS on 587', () => {
    const ep = only(
      run('.github/workflows/mail.yml', [
        ...head,
        '          connection_url: smtp+starttls://user:${{ secrets.MAIL_PASSWORD }}@smtp.example.com:587', // 10
      ]),
    );
    expect(summary(ep)).toMatchObject({
      port: { value: 587, origin: 'literal', line: 10 },
      security: { value: 'implicit-tls', line: 10 },
    });
  });

  it('connection_url smtp://host:1025 overrides server_* inputs; username/password inputs are kept', () => {
    const ep = only(
      run('.github/workflows/test.yml', [
        ...head,
        '          connection_url: smtp://localhost:1025', // 10
        '          server_address: smtp.gmail.com', // 11
        '          server_port: 465', // 12
        '          secure: true', // 13
        '          username: test', // 14
        '          password: test', // 15
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'dawidd6',
      line: 10,
      active: true,
      host: { value: 'localhost', origin: 'literal', line: 10 },
      port: { value: 1025, origin: 'literal', line: 10 },
      security: { value: 'starttls-opportunistic', line: 10 },
      password: { origin: 'placeholder', line: 15 },
    });
  });
});

describe('dawidd6 explicit secure', () => {
  it('secure: false on server_port 465 overrides the 465 default: opportunistic STARTTLS on the secure line', () => {
    const ep = only(
      run('.github/workflows/mail.yml', [
        ...head,
        '          server_address: smtp.gmail.com', // 10
        '          server_port: 465', // 11
        '          secure: false', // 12
        '          password: ${{ secrets.MAIL_PASSWORD }}', // 13
      ]),
    );
    expect(ep.security).toMatchObject({ value: 'starttls-opportunistic', at: { line: 12 } });
  });
});
