import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/extract/formats/yaml.js';

const lines = (...ls: string[]): string => ls.join('\n') + '\n';

describe('parseYaml', () => {
  it('parses docker-compose environment in list and map form', () => {
    const text = lines(
      'services:', // 1
      '  app:', // 2
      '    image: ghcr.io/acme/app:1.2', // 3
      '    environment:', // 4
      '      - SMTP_HOST=${SMTP_HOST:-smtp.gmail.com}', // 5
      '      - SMTP_PORT=587', // 6
      '      - "SMTP_SECURE=false"', // 7
      '      - SMTP_DEBUG', // 8
      '  worker:', // 9
      '    environment:', // 10
      '      SMTP_HOST: ${SMTP_HOST:-mailhog}', // 11
      '      SMTP_PORT: "1025"', // 12
      '      SMTP_TLS: false', // 13
      '      SMTP_PASSWORD:', // 14
    );
    const { entries, diagnostics } = parseYaml(text);
    expect(diagnostics).toEqual([]);
    const env = ['services', 'app', 'environment'];
    const wenv = ['services', 'worker', 'environment'];
    expect(entries).toEqual([
      {
        path: ['services', 'app', 'image'],
        value: 'ghcr.io/acme/app:1.2',
        raw: 'ghcr.io/acme/app:1.2',
        quoted: false,
        line: 3,
        column: 5,
      },
      {
        path: [...env, 'SMTP_HOST'],
        value: '${SMTP_HOST:-smtp.gmail.com}',
        raw: '${SMTP_HOST:-smtp.gmail.com}',
        quoted: false,
        line: 5,
        column: 9,
      },
      { path: [...env, 'SMTP_PORT'], value: '587', raw: '587', quoted: false, line: 6, column: 9 },
      {
        path: [...env, 'SMTP_SECURE'],
        value: 'false',
        raw: 'false',
        quoted: true,
        line: 7,
        column: 10,
      },
      {
        path: [...env, '3'],
        value: 'SMTP_DEBUG',
        raw: 'SMTP_DEBUG',
        quoted: false,
        line: 8,
        column: 9,
      },
      {
        path: [...wenv, 'SMTP_HOST'],
        value: '${SMTP_HOST:-mailhog}',
        raw: '${SMTP_HOST:-mailhog}',
        quoted: false,
        line: 11,
        column: 7,
      },
      {
        path: [...wenv, 'SMTP_PORT'],
        value: '1025',
        raw: '1025',
        quoted: true,
        line: 12,
        column: 7,
      },
      {
        path: [...wenv, 'SMTP_TLS'],
        value: false,
        raw: 'false',
        quoted: false,
        line: 13,
        column: 7,
      },
      {
        path: [...wenv, 'SMTP_PASSWORD'],
        value: null,
        raw: '',
        quoted: false,
        line: 14,
        column: 7,
      },
    ]);
  });

  it('parses a Spring application.yml with nested and bracketed flat keys', () => {
    const text = lines(
      'spring:', // 1
      '  mail:', // 2
      '    host: smtp.gmail.com', // 3
      '    port: 587', // 4
      '    username: ${MAIL_USER}', // 5
      "    password: 'it''s secret'", // 6
      '    properties:', // 7
      '      mail:', // 8
      '        smtp:', // 9
      '          auth: true', // 10
      '          starttls:', // 11
      '            enable: true', // 12
      '      "[mail.smtp.starttls.required]": "true"', // 13
      '      mail.smtp.ssl.trust: "*"', // 14
    );
    const { entries, diagnostics } = parseYaml(text);
    expect(diagnostics).toEqual([]);
    const m = ['spring', 'mail'];
    const p = [...m, 'properties'];
    expect(entries).toEqual([
      {
        path: [...m, 'host'],
        value: 'smtp.gmail.com',
        raw: 'smtp.gmail.com',
        quoted: false,
        line: 3,
        column: 5,
      },
      { path: [...m, 'port'], value: 587, raw: '587', quoted: false, line: 4, column: 5 },
      {
        path: [...m, 'username'],
        value: '${MAIL_USER}',
        raw: '${MAIL_USER}',
        quoted: false,
        line: 5,
        column: 5,
      },
      {
        path: [...m, 'password'],
        value: "it's secret",
        raw: "it''s secret",
        quoted: true,
        line: 6,
        column: 5,
      },
      {
        path: [...p, 'mail', 'smtp', 'auth'],
        value: true,
        raw: 'true',
        quoted: false,
        line: 10,
        column: 11,
      },
      {
        path: [...p, 'mail', 'smtp', 'starttls', 'enable'],
        value: true,
        raw: 'true',
        quoted: false,
        line: 12,
        column: 13,
      },
      {
        path: [...p, '[mail.smtp.starttls.required]'],
        value: 'true',
        raw: 'true',
        quoted: true,
        line: 13,
        column: 7,
      },
      {
        path: [...p, 'mail.smtp.ssl.trust'],
        value: '*',
        raw: '*',
        quoted: true,
        line: 14,
        column: 7,
      },
    ]);
  });

  it('decodes Kubernetes Secret data and leaves stringData alone', () => {
    const text = lines(
      'apiVersion: v1', // 1
      'kind: Secret', // 2
      'metadata:', // 3
      '  name: smtp-credentials', // 4
      'type: Opaque', // 5
      'data:', // 6
      '  SMTP_PASSWORD: aHVudGVyMg==', // 7
      '  SMTP_USER: bWFpbGVy', // 8
      '  SMTP_CERT: AAECAw==', // 9
      '  SMTP_ODD: "not base64!"', // 10
      'stringData:', // 11
      '  SMTP_HOST: c210cC5leGFtcGxlLmNvbQ==', // 12
    );
    const { entries, diagnostics } = parseYaml(text);
    expect(diagnostics).toEqual([]);
    expect(entries.filter((e) => e.path[0] === 'data' || e.path[0] === 'stringData')).toEqual([
      {
        path: ['data', 'SMTP_PASSWORD'],
        value: 'hunter2',
        raw: 'aHVudGVyMg==',
        quoted: false,
        line: 7,
        column: 3,
      },
      {
        path: ['data', 'SMTP_USER'],
        value: 'mailer',
        raw: 'bWFpbGVy',
        quoted: false,
        line: 8,
        column: 3,
      },
      {
        path: ['data', 'SMTP_CERT'],
        value: 'AAECAw==',
        raw: 'AAECAw==',
        quoted: false,
        line: 9,
        column: 3,
      },
      {
        path: ['data', 'SMTP_ODD'],
        value: 'not base64!',
        raw: 'not base64!',
        quoted: true,
        line: 10,
        column: 3,
      },
      {
        path: ['stringData', 'SMTP_HOST'],
        value: 'c210cC5leGFtcGxlLmNvbQ==',
        raw: 'c210cC5leGFtcGxlLmNvbQ==',
        quoted: false,
        line: 12,
        column: 3,
      },
    ]);
    // Not a Secret: no decoding.
    expect(parseYaml('kind: ConfigMap\ndata:\n  A: aHVudGVyMg==\n').entries[1].value).toBe(
      'aHVudGVyMg==',
    );
  });

  it('normalises a Deployment env list (value and valueFrom)', () => {
    const text = lines(
      'apiVersion: apps/v1', // 1
      'kind: Deployment', // 2
      'spec:', // 3
      '  template:', // 4
      '    spec:', // 5
      '      containers:', // 6
      '        - name: app', // 7
      '          image: acme/app', // 8
      '          env:', // 9
      '            - name: SMTP_HOST', // 10
      '              value: smtp.sendgrid.net', // 11
      '            - name: SMTP_PORT', // 12
      '              value: "587"', // 13
      '            - name: SMTP_PASSWORD', // 14
      '              valueFrom:', // 15
      '                secretKeyRef:', // 16
      '                  name: smtp-credentials', // 17
      '                  key: SMTP_PASSWORD', // 18
      '            - name: SMTP_FROM', // 19
      '              valueFrom:', // 20
      '                configMapKeyRef: {name: cfg, key: from}', // 21
    );
    const { entries, diagnostics } = parseYaml(text);
    expect(diagnostics).toEqual([]);
    const c = ['spec', 'template', 'spec', 'containers', '0'];
    expect(entries).toEqual([
      { path: ['apiVersion'], value: 'apps/v1', raw: 'apps/v1', quoted: false, line: 1, column: 1 },
      { path: ['kind'], value: 'Deployment', raw: 'Deployment', quoted: false, line: 2, column: 1 },
      { path: [...c, 'name'], value: 'app', raw: 'app', quoted: false, line: 7, column: 11 },
      {
        path: [...c, 'image'],
        value: 'acme/app',
        raw: 'acme/app',
        quoted: false,
        line: 8,
        column: 11,
      },
      {
        path: [...c, 'env', 'SMTP_HOST'],
        value: 'smtp.sendgrid.net',
        raw: 'smtp.sendgrid.net',
        quoted: false,
        line: 11,
        column: 15,
      },
      {
        path: [...c, 'env', 'SMTP_PORT'],
        value: '587',
        raw: '587',
        quoted: true,
        line: 13,
        column: 15,
      },
      {
        path: [...c, 'env', 'SMTP_PASSWORD'],
        value: null,
        raw: 'valueFrom:secretKeyRef',
        quoted: false,
        line: 14,
        column: 15,
      },
      {
        path: [...c, 'env', 'SMTP_FROM'],
        value: null,
        raw: 'valueFrom:configMapKeyRef',
        quoted: false,
        line: 19,
        column: 15,
      },
    ]);
  });

  it('walks all documents, expands merge keys, keeps block scalars and commented lines', () => {
    const text = lines(
      'defaults: &defaults', // 1
      '  host: smtp.example.com', // 2
      '  port: 25', // 3
      'production:', // 4
      '  <<: *defaults', // 5
      '  port: 465', // 6
      '  secure: yes', // 7
      '  note: |', // 8
      '    line one', // 9
      '    # not a comment: inside a block scalar', // 10
      '  relay: *defaults', // 11
      '---', // 12
      '# password: hunter2', // 13
      '#   - SMTP_USER=bob # who', // 14
      '# see https://example.com', // 15
      'other: ~', // 16
    );
    const { entries, diagnostics } = parseYaml(text);
    expect(diagnostics).toEqual([]);
    expect(entries).toEqual([
      {
        path: ['defaults', 'host'],
        value: 'smtp.example.com',
        raw: 'smtp.example.com',
        quoted: false,
        line: 2,
        column: 3,
      },
      { path: ['defaults', 'port'], value: 25, raw: '25', quoted: false, line: 3, column: 3 },
      // merged from the anchor (positions of the anchor's keys); explicit port wins
      {
        path: ['production', 'host'],
        value: 'smtp.example.com',
        raw: 'smtp.example.com',
        quoted: false,
        line: 2,
        column: 3,
      },
      { path: ['production', 'port'], value: 465, raw: '465', quoted: false, line: 6, column: 3 },
      {
        path: ['production', 'secure'],
        value: 'yes',
        raw: 'yes',
        quoted: false,
        line: 7,
        column: 3,
      },
      {
        path: ['production', 'note'],
        value: 'line one\n# not a comment: inside a block scalar\n',
        raw: 'line one\n# not a comment: inside a block scalar\n',
        quoted: false,
        line: 8,
        column: 3,
        valueLine: 9,
      },
      {
        path: ['production', 'relay', 'host'],
        value: 'smtp.example.com',
        raw: 'smtp.example.com',
        quoted: false,
        line: 2,
        column: 3,
      },
      {
        path: ['production', 'relay', 'port'],
        value: 25,
        raw: '25',
        quoted: false,
        line: 3,
        column: 3,
      },
      { path: ['other'], value: null, raw: '~', quoted: false, line: 16, column: 1 },
      {
        path: ['password'],
        value: 'hunter2',
        raw: 'hunter2',
        quoted: false,
        line: 13,
        column: 3,
        commented: true,
      },
      {
        path: ['SMTP_USER'],
        value: 'bob',
        raw: 'bob',
        quoted: false,
        line: 14,
        column: 7,
        commented: true,
      },
    ]);
  });

  it('parses Helm templates that make the YAML invalid, restoring the template text', () => {
    const text = lines(
      'apiVersion: v1', // 1
      'kind: ConfigMap', // 2
      'data:', // 3
      '  SMTP_HOST: {{ .Values.smtp.host }}', // 4
      '  SMTP_PORT: {{ .Values.smtp.port | quote }}', // 5
      '  {{- if .Values.smtp.user }}', // 6
      '  SMTP_USER: "{{ .Values.smtp.user | default "x" }}"', // 7
      '  {{- end }}', // 8
      '  SMTP_FROM: noreply@{{ .Values.domain }}', // 9
      '  {{ .Values.key }}: v', // 10
    );
    const { entries, diagnostics } = parseYaml(text);
    expect(diagnostics).toEqual([]);
    expect(entries.slice(2)).toEqual([
      {
        path: ['data', 'SMTP_HOST'],
        value: '{{ .Values.smtp.host }}',
        raw: '{{ .Values.smtp.host }}',
        quoted: false,
        line: 4,
        column: 3,
      },
      {
        path: ['data', 'SMTP_PORT'],
        value: '{{ .Values.smtp.port | quote }}',
        raw: '{{ .Values.smtp.port | quote }}',
        quoted: false,
        line: 5,
        column: 3,
      },
      {
        path: ['data', 'SMTP_USER'],
        value: '{{ .Values.smtp.user | default "x" }}',
        raw: '{{ .Values.smtp.user | default "x" }}',
        quoted: true,
        line: 7,
        column: 3,
      },
      {
        path: ['data', 'SMTP_FROM'],
        value: 'noreply@{{ .Values.domain }}',
        raw: 'noreply@{{ .Values.domain }}',
        quoted: false,
        line: 9,
        column: 3,
      },
      {
        path: ['data', '{{ .Values.key }}'],
        value: 'v',
        raw: 'v',
        quoted: false,
        line: 10,
        column: 3,
      },
    ]);
  });

  it('keeps value-like template lines inside block scalars', () => {
    const text = lines(
      'data:', // 1
      '  config.ini: |', // 2
      '    [smtp]', // 3
      '    {{- if .Values.smtp.enabled }}', // 4
      '    password = {{ .Values.smtp.password }}', // 5
      '    {{ .Values.extraConfig }}', // 6
      '    {{- end }}', // 7
      '  host: {{ .Values.host }}', // 8
    );
    const { entries, diagnostics } = parseYaml(text);
    expect(diagnostics).toEqual([]);
    expect(entries).toEqual([
      {
        path: ['data', 'config.ini'],
        value: '[smtp]\npassword = {{ .Values.smtp.password }}\n{{ .Values.extraConfig }}\n',
        raw: '[smtp]\npassword = {{ .Values.smtp.password }}\n{{ .Values.extraConfig }}\n',
        quoted: false,
        line: 2,
        column: 3,
        valueLine: 3,
      },
      {
        path: ['data', 'host'],
        value: '{{ .Values.host }}',
        raw: '{{ .Values.host }}',
        quoted: false,
        line: 8,
        column: 3,
      },
    ]);
  });

  it('leaves GitHub Actions ${{ }} expressions intact', () => {
    const { entries, diagnostics } = parseYaml(
      'env:\n  SMTP_PASSWORD: ${{ secrets.SMTP_PASSWORD }}\n',
    );
    expect(diagnostics).toEqual([]);
    expect(entries).toEqual([
      {
        path: ['env', 'SMTP_PASSWORD'],
        value: '${{ secrets.SMTP_PASSWORD }}',
        raw: '${{ secrets.SMTP_PASSWORD }}',
        quoted: false,
        line: 2,
        column: 3,
      },
    ]);
  });

  it('reports malformed YAML with a line number and keeps what it could parse', () => {
    const { entries, diagnostics } = parseYaml(
      'smtp:\n  host: mail.example.com\n  port: [587\nother: "x\n',
    );
    expect(entries[0]).toEqual({
      path: ['smtp', 'host'],
      value: 'mail.example.com',
      raw: 'mail.example.com',
      quoted: false,
      line: 2,
      column: 3,
    });
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) expect(d).toMatch(/^malformed YAML at line \d+: \S/);
  });

  it('types scalars like YAML 1.2 and handles flow collections, tags and lone CR', () => {
    const text = 'a: 0x1F\rb: 1.5\rc: !!str 587\rd: [x, {e: "f"}]\rg: >\r  folded\r  text\r';
    const { entries, diagnostics } = parseYaml(text);
    expect(diagnostics).toEqual([]);
    expect(entries).toEqual([
      { path: ['a'], value: 31, raw: '0x1F', quoted: false, line: 1, column: 1 },
      { path: ['b'], value: 1.5, raw: '1.5', quoted: false, line: 2, column: 1 },
      { path: ['c'], value: '587', raw: '587', quoted: false, line: 3, column: 1 },
      { path: ['d', '0'], value: 'x', raw: 'x', quoted: false, line: 4, column: 5 },
      { path: ['d', '1', 'e'], value: 'f', raw: 'f', quoted: true, line: 4, column: 9 },
      {
        path: ['g'],
        value: 'folded text\n',
        raw: 'folded text\n',
        quoted: false,
        line: 5,
        column: 1,
        valueLine: 6,
      },
    ]);
  });

  it('stops alias bombs and cyclic aliases within the caps', () => {
    const bomb = lines(
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
      'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
    );
    const r = parseYaml(bomb);
    expect(r.entries.length).toBeLessThanOrEqual(10_000);
    expect(r.diagnostics.some((d) => /more than 10000 entries/.test(d))).toBe(true);

    const cyclic = parseYaml('a: &a [1, *a]\nb: &m {x: 1, y: *m}\n');
    expect(cyclic.entries.map((e) => e.path.join('.'))).toEqual(['a.0', 'b.x']);
  });
});
