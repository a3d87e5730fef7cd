import { describe, expect, it } from 'vitest';
import {
  canonicalIp,
  credentialVerdict,
  hostMatches,
  probeEventVerdict,
  specialAddressKind,
} from '../../src/probe/guard.js';
import type { ProbeTarget } from '../../src/probe/types.js';

const scan = (host: string, port = 587): ProbeTarget => ({
  id: 'config/mail.yml:3',
  host,
  port,
  security: 'starttls-required',
  source: 'scan',
  at: { file: 'config/mail.yml', line: 3 },
});
const input = (host: string): ProbeTarget => ({
  id: 'input',
  host,
  port: 587,
  security: 'starttls-required',
  source: 'input',
});
const dns =
  (table: Record<string, string[]>) =>
  async (host: string): Promise<string[]> => {
    if (host in table) return table[host];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  };

describe('probeEventVerdict', () => {
  it.each([
    ['push', false, undefined],
    ['schedule', false, undefined],
    ['workflow_dispatch', false, undefined],
    ['pull_request', false, 'octocat'],
    ['', false, undefined],
    ['push', false, 'dependabot[bot]'],
  ])('runs on %s (fork %s, actor %s)', (eventName, isFork, actor) => {
    expect(probeEventVerdict({ eventName, isFork, actor })).toEqual({ run: true });
  });

  it.each(['pull_request', 'pull_request_review', 'pull_request_review_comment'])(
    'skips %s from a fork, saying why',
    (eventName) => {
      const v = probeEventVerdict({ eventName, isFork: true });
      expect(v.run).toBe(false);
      expect(v.reason).toContain('fork pull requests get no secrets and a read-only token');
      expect(v.reason).toContain(eventName);
    },
  );

  it.each(['pull_request_target', 'workflow_run'])(
    'skips %s even from the same repository',
    (e) => {
      const v = probeEventVerdict({ eventName: e, isFork: false });
      expect(v.run).toBe(false);
      expect(v.reason).toContain('run with secrets on code the base branch did not choose');
    },
  );

  it('skips Dependabot pull requests', () => {
    const v = probeEventVerdict({
      eventName: 'pull_request',
      isFork: false,
      actor: 'dependabot[bot]',
    });
    expect(v.run).toBe(false);
    expect(v.reason).toContain('Dependabot');
  });
});

describe('hostMatches', () => {
  it('compares case-insensitively and ignores a trailing dot', () => {
    expect(hostMatches('SMTP.Example.com.', 'smtp.example.COM')).toBe(true);
    expect(hostMatches('smtp.example.com', 'smtp.example.org')).toBe(false);
  });

  it('`*.example.com` matches subdomains at any depth, not the apex nor look-alikes', () => {
    expect(hostMatches('smtp.example.com', '*.example.com')).toBe(true);
    expect(hostMatches('a.b.example.com', '*.example.com')).toBe(true);
    expect(hostMatches('example.com', '*.example.com')).toBe(false);
    expect(hostMatches('evilexample.com', '*.example.com')).toBe(false);
    expect(hostMatches('example.com.evil.org', '*.example.com')).toBe(false);
    expect(hostMatches('smtp.example.com', '*.example.com', true)).toBe(false);
  });

  it('compares IPv6 literals in any spelling', () => {
    expect(hostMatches('[FD00::0:1]', 'fd00:0:0::1')).toBe(true);
  });
});

describe('specialAddressKind', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['127.0.0.1', 'loopback'],
    ['127.9.9.9', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1%eth0', 'link-local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['224.0.0.1', 'multicast'],
  ])('%s is %s', (address, kind) => {
    expect(specialAddressKind(address)).toContain(kind);
  });

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '2a00:1450:4001::6c', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => {
      expect(specialAddressKind(address)).toBeUndefined();
    },
  );

  it('canonicalises IPv6 and rejects names', () => {
    expect(canonicalIp('::FFFF:127.0.0.1')).toBe('0:0:0:0:0:ffff:7f00:1');
    expect(canonicalIp('smtp.example.com')).toBeUndefined();
  });
});

describe('credentialVerdict', () => {
  const publicDns = dns({
    'smtp.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    'mail.corp.example.com': ['93.184.215.15'],
    'rebind.example.com': ['93.184.215.16', '127.0.0.1'],
    'metadata.example.com': ['169.254.169.254'],
    'mapped.example.com': ['::ffff:10.0.0.7'],
    'relay.internal': ['10.0.0.25'],
    localhost: ['127.0.0.1', '::1'],
  });

  it('allows the smtp-host input when it resolves to public addresses', async () => {
    const v = await credentialVerdict(input('smtp.example.com'), {
      inputHost: 'smtp.example.com',
      allowHosts: [],
      resolve: publicDns,
    });
    expect(v.allowed).toBe(true);
    expect(v.reason).toContain('smtp.example.com is the smtp-host input');
    expect(v.addresses).toEqual(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c']);
  });

  it('allows a scan target that is the input host (case and trailing dot ignored)', async () => {
    const v = await credentialVerdict(scan('SMTP.example.com.'), {
      inputHost: 'smtp.example.com',
      allowHosts: [],
      resolve: publicDns,
    });
    expect(v.allowed).toBe(true);
  });

  it('allows a scan target listed in allow-hosts, by wildcard too', async () => {
    const v = await credentialVerdict(scan('mail.corp.example.com'), {
      allowHosts: ['*.example.com'],
      resolve: publicDns,
    });
    expect(v.allowed).toBe(true);
    expect(v.reason).toContain('live.allow-hosts (`*.example.com`)');
  });

  it('withholds from a host named only by the repository, naming the host and the fix', async () => {
    const v = await credentialVerdict(scan('smtp.attacker.example.net'), {
      inputHost: 'smtp.example.com',
      allowHosts: ['smtp.example.com', '*.example.com'],
      resolve: publicDns,
    });
    expect(v.allowed).toBe(false);
    expect(v.reason).toBe(
      'smtp.attacker.example.net is named only by the repository (config/mail.yml:3), which a pull request can change, ' +
        'not by the smtp-host input or live.allow-hosts. To probe it with credentials, ' +
        'add smtp.attacker.example.net to live.allow-hosts in .github/smtp-preflight.yml on the base branch.',
    );
  });

  it('withholds when any resolved address is loopback (DNS rebinding)', async () => {
    const v = await credentialVerdict(input('rebind.example.com'), {
      inputHost: 'rebind.example.com',
      allowHosts: [],
      resolve: publicDns,
    });
    expect(v.allowed).toBe(false);
    expect(v.reason).toContain(
      'rebind.example.com resolves to 127.0.0.1, which is a loopback address',
    );
    expect(v.reason).toContain('being the smtp-host input is not enough');
    expect(v.reason).toContain('add rebind.example.com (or 127.0.0.1) to live.allow-hosts');
  });

  it.each([
    ['metadata.example.com', 'link-local'],
    ['mapped.example.com', 'private'],
    ['localhost', 'loopback'],
  ])('withholds from %s (%s) even as the input host', async (host, kind) => {
    const v = await credentialVerdict(input(host), {
      inputHost: host,
      allowHosts: [],
      resolve: publicDns,
    });
    expect(v.allowed).toBe(false);
    expect(v.reason).toContain(kind);
  });

  it('withholds from private IP literals without resolving', async () => {
    let calls = 0;
    const v = await credentialVerdict(input('169.254.169.254'), {
      inputHost: '169.254.169.254',
      allowHosts: [],
      resolve: async () => {
        calls++;
        return [];
      },
    });
    expect(calls).toBe(0);
    expect(v.allowed).toBe(false);
    expect(v.reason).toContain('169.254.169.254 is a link-local (cloud metadata) address');
  });

  it('a wildcard does not open private addresses; the exact name does', async () => {
    const target = scan('relay.internal');
    const wild = await credentialVerdict(target, {
      allowHosts: ['*.internal'],
      resolve: publicDns,
    });
    expect(wild.allowed).toBe(false);
    const exact = await credentialVerdict(target, {
      allowHosts: ['relay.internal'],
      resolve: publicDns,
    });
    expect(exact.allowed).toBe(true);
    expect(exact.reason).toContain('addresses listed in live.allow-hosts');
  });

  it('a listed IP literal opens that private address', async () => {
    const v = await credentialVerdict(input('relay.internal'), {
      inputHost: 'relay.internal',
      allowHosts: ['10.0.0.25'],
      resolve: publicDns,
    });
    expect(v.allowed).toBe(true);
    const loop = await credentialVerdict(input('127.0.0.1'), {
      inputHost: '127.0.0.1',
      allowHosts: ['127.0.0.1'],
    });
    expect(loop.allowed).toBe(true);
  });

  it('withholds when the name does not resolve, or resolves to nothing', async () => {
    const v = await credentialVerdict(input('nx.example.com'), {
      inputHost: 'nx.example.com',
      allowHosts: [],
      resolve: publicDns,
    });
    expect(v).toEqual({
      allowed: false,
      reason:
        'nx.example.com could not be resolved (getaddrinfo ENOTFOUND nx.example.com): check the host name.',
    });
    const empty = await credentialVerdict(input('empty.example.com'), {
      inputHost: 'empty.example.com',
      allowHosts: [],
      resolve: async () => [],
    });
    expect(empty.allowed).toBe(false);
  });

  it('bounds a resolver that never answers', async () => {
    const v = await credentialVerdict(input('slow.example.com'), {
      inputHost: 'slow.example.com',
      allowHosts: [],
      resolve: () => new Promise<string[]>(() => undefined),
      resolveTimeoutMs: 20,
    });
    expect(v.allowed).toBe(false);
    expect(v.reason).toContain('timed out after 20 ms');
  });

  it('uses the system resolver by default (localhost is loopback)', async () => {
    const v = await credentialVerdict(input('localhost'), {
      inputHost: 'localhost',
      allowHosts: [],
    });
    expect(v.allowed).toBe(false);
    expect(v.reason).toContain('loopback');
  });
});
