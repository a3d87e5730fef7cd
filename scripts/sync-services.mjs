// Copies nodemailer's well-known service presets (name, aliases, domains, host, port, secure)
// into src/extract/ecosystems/nodemailer-services.json, so readers resolve `service: 'Gmail'`
// exactly as nodemailer does. Run after upgrading nodemailer: node scripts/sync-services.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('nodemailer/package.json'));
const services = JSON.parse(readFileSync(join(pkgDir, 'dist/well-known/services.json'), 'utf8'));
const out = {};
for (const [name, s] of Object.entries(services)) {
  out[name] = {
    aliases: s.aliases ?? [],
    domains: s.domains ?? [],
    host: s.host,
    port: s.port,
    secure: !!s.secure,
  };
}
writeFileSync(
  new URL('../src/extract/ecosystems/nodemailer-services.json', import.meta.url),
  JSON.stringify(out, null, 1) + '\n',
);
console.log(`${Object.keys(out).length} services`);
