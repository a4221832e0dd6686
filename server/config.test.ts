import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to the embedded setup', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8787, host: '127.0.0.1', dataDir: './data', logLevel: 'info', databaseUrl: undefined });
    expect(config.allowedOrigins).toEqual([]);
  });

  it('turns email on with SMTP_URL, which then needs PUBLIC_URL', () => {
    expect(loadConfig({}).mail).toBeNull();
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.org:587' })).toThrow(/PUBLIC_URL: required when SMTP_URL is set/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org', PUBLIC_URL: 'https://confer.example.org' })).toThrow(/SMTP_URL must start with smtp/);
    const config = loadConfig({ SMTP_URL: 'smtp://mail.example.org:587', PUBLIC_URL: 'https://confer.example.org', MAIL_DELAY_MINUTES: '5' });
    expect(config.mail).toEqual({ smtpUrl: 'smtp://mail.example.org:587', from: 'Confer <confer@confer.example.org>', publicUrl: 'https://confer.example.org', delayMs: 300_000 });
  });

  it('lists every invalid variable at once', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', PUBLIC_URL: 'not a url' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toContain('PORT');
    expect(message).toContain('LOG_LEVEL');
    expect(message).toContain('PUBLIC_URL');
  });

  it('allows the public URL origin and the configured origins', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://confer.example.org/app', ALLOWED_ORIGINS: 'http://localhost:5173, https://x.org' });
    expect(config.allowedOrigins).toEqual(['http://localhost:5173', 'https://x.org', 'https://confer.example.org']);
  });

  it('reads trusted proxies and refuses one that is not an address, range or known name', () => {
    expect(loadConfig({ TRUSTED_PROXIES: 'loopback, 10.0.0.0/8' }).trustedProxies).toEqual(['loopback', '10.0.0.0/8']);
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(() => loadConfig({ TRUSTED_PROXIES: 'proxy.example.org' })).toThrow(/TRUSTED_PROXIES/);
  });

  it('serves /metrics to loopback by default; METRICS_ALLOW and METRICS_TOKEN are checked at start', () => {
    expect(loadConfig({})).toMatchObject({ metricsAllow: ['loopback'], metricsToken: undefined });
    expect(loadConfig({ METRICS_ALLOW: '' }).metricsAllow).toEqual([]);
    expect(loadConfig({ METRICS_ALLOW: '10.0.0.0/8, ::1', METRICS_TOKEN: 'scrape-token-0123456789' })).toMatchObject({
      metricsAllow: ['10.0.0.0/8', '::1'],
      metricsToken: 'scrape-token-0123456789',
    });
    expect(() => loadConfig({ METRICS_ALLOW: 'prometheus.internal' })).toThrow(/METRICS_ALLOW/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});
