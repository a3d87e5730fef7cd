import { describe, expect, it } from 'vitest';
import { maskCredentials } from '../../src/probe/mask.js';
import { secretVariants } from '../../src/probe/secrets.js';

describe('maskCredentials', () => {
  it('masks every variant of the password, never the empty string', () => {
    const masked: string[] = [];
    const creds = { username: 'app@example.com', password: 's3cr3t pass' };
    maskCredentials(creds, (s) => masked.push(s));
    expect(masked).toEqual(secretVariants(creds));
    expect(masked).toContain('s3cr3t pass');
    expect(masked).toContain(Buffer.from('s3cr3t pass').toString('base64'));
    expect(masked).toContain(Buffer.from('\0app@example.com\0s3cr3t pass').toString('base64'));
    expect(masked).not.toContain('');
    expect(masked).not.toContain('app@example.com');
    expect(new Set(masked).size).toBe(masked.length);
  });

  it('masks the OAuth2 token and its XOAUTH2 forms', () => {
    const masked: string[] = [];
    maskCredentials({ username: 'u', oauth2Token: 'ya29.token' }, (s) => masked.push(s));
    expect(masked).toContain('ya29.token');
    expect(masked).toContain(
      Buffer.from('user=u\x01auth=Bearer ya29.token\x01\x01').toString('base64'),
    );
  });

  it('masks nothing when there is no secret', () => {
    const masked: string[] = [];
    maskCredentials({ username: 'only-user', password: '' }, (s) => masked.push(s));
    expect(masked).toEqual([]);
  });
});
