/**
 * INI files: Grafana `[smtp]`, Gitea/Forgejo `app.ini` `[mailer]`, and any other mail-named
 * section read as a generic block.
 */
import type { Draft } from '../build.js';
import type { Entry } from '../formats/entry.js';
import { giteaMailer } from './gitea.js';
import { grafanaSmtp } from './grafana.js';
import { Group } from './group.js';
import { isMailName, smtpObject } from './smtp-object.js';

export function iniDrafts(file: string, entries: Entry[]): Draft[] {
  const sections = new Map<string, Entry[]>();
  for (const e of entries) {
    if (e.commented) continue;
    const s = e.path[0] ?? '';
    const list = sections.get(s) ?? [];
    list.push(e);
    sections.set(s, list);
  }
  const out: Draft[] = [];
  for (const [section, list] of sections) {
    const name = section.trim().toLowerCase();
    const byKey = new Map(list.map((e) => [e.path.at(-1) ?? '', e]));
    if (name === 'smtp') {
      const k = (n: string) =>
        byKey.get(n) ?? list.find((e) => (e.path.at(-1) ?? '').toLowerCase() === n.toLowerCase());
      const d = grafanaSmtp(
        file,
        {
          enabled: k('enabled'),
          host: k('host'),
          user: k('user'),
          password: k('password'),
          skip_verify: k('skip_verify'),
          startTLS_policy: k('startTLS_policy'),
        },
        { policy: 'startTLS_policy', host: 'host' },
      );
      if (d) out.push(d);
    } else if (name === 'mailer') {
      const d = giteaMailer(new Group(file, list), (key) => key, 'Gitea app.ini [mailer]');
      if (d) out.push(d);
    } else if (isMailName(name)) {
      const keys = new Map(
        list.map((e) => [(e.path.at(-1) ?? '').toLowerCase().replace(/[^a-z0-9.]/g, ''), e]),
      );
      const d = smtpObject(file, keys, section);
      if (d) out.push(d);
    }
  }
  return out;
}
