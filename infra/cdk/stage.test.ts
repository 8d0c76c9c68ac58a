import { RemovalPolicy } from 'aws-cdk-lib';
import { apiKeyExpiry, deploymentContext, parseStage, stageSettings } from './stage';

const now = new Date('2026-03-17T15:30:00Z');

describe('parseStage', () => {
  it('defaults to dev and accepts dev and prod', () => {
    expect(parseStage(undefined)).toBe('dev');
    expect(parseStage('dev')).toBe('dev');
    expect(parseStage('prod')).toBe('prod');
  });

  it('refuses any other value, naming what it received and what is allowed', () => {
    expect(() => parseStage('production')).toThrow(
      'Unknown stage "production" (context "stage", as in `-c stage=prod`); allowed: dev, prod.',
    );
    expect(() => parseStage(true)).toThrow('Unknown stage true');
  });
});

describe('stageSettings', () => {
  it('retains and protects data in prod only', () => {
    expect(stageSettings('prod')).toMatchObject({
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    expect(stageSettings('dev')).toMatchObject({
      removalPolicy: RemovalPolicy.DESTROY,
      deletionProtection: false,
    });
  });
});

describe('apiKeyExpiry', () => {
  it('defaults to 365 days after the first of the month, the same all month', () => {
    const expected = new Date('2027-03-01T00:00:00Z');
    expect(apiKeyExpiry(undefined, now)).toEqual(expected);
    expect(apiKeyExpiry(undefined, new Date('2026-03-31T23:59:59Z'))).toEqual(expected);
    expect(apiKeyExpiry(undefined, new Date('2026-03-01T00:00:00Z'))).toEqual(expected);
  });

  it('takes an explicit date within the 1 to 365 days AppSync accepts', () => {
    expect(apiKeyExpiry('2026-12-31', now)).toEqual(new Date('2026-12-31T00:00:00Z'));
    expect(apiKeyExpiry('2027-03-17', now)).toEqual(new Date('2027-03-17T00:00:00Z'));
  });

  it('refuses dates AppSync would refuse, and anything that is not a date', () => {
    expect(() => apiKeyExpiry('2026-03-18', now)).toThrow(
      'apiKeyExpires is 2026-03-18, which AppSync refuses: it accepts 1 to 365 days from now, a date (YYYY-MM-DD) after 2026-03-18T15:30:00.000Z and at most 2027-03-17.',
    );
    expect(() => apiKeyExpiry('2027-03-18', now)).toThrow('AppSync refuses');
    expect(() => apiKeyExpiry('2026-02-30', now)).toThrow(
      'apiKeyExpires is "2026-02-30"; expected',
    );
    expect(() => apiKeyExpiry('next year', now)).toThrow('apiKeyExpires is "next year"; expected');
    expect(() => apiKeyExpiry(20270101, now)).toThrow('apiKeyExpires is 20270101; expected');
  });
});

describe('deploymentContext', () => {
  it('reads the stage and API key expiry from CDK context', () => {
    const context: Record<string, unknown> = { stage: 'prod', apiKeyExpires: '2026-12-01' };
    expect(deploymentContext((key) => context[key], now)).toEqual({
      stage: 'prod',
      apiKeyExpires: new Date('2026-12-01T00:00:00Z'),
    });
  });
});
