import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

import { appError } from '../shared/errors';

export function rateLimited(message: string, retryAfterSeconds: number): Error {
  return appError('RATE_LIMITED', message, {
    retryAfterSeconds,
    http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
  });
}

function retryAfter(result: RateLimiterRes): number {
  return Math.max(1, Math.ceil(result.msBeforeNext / 1000));
}

/**
 * Failed logins are counted per account and per address (15 minutes); a locked account or address is
 * told when to retry. API keys are limited per key, per minute. Counters live in this process.
 */
export class Throttle {
  private readonly failuresByAccount = new RateLimiterMemory({ points: 5, duration: 15 * 60 });
  private readonly failuresByAddress = new RateLimiterMemory({ points: 30, duration: 15 * 60 });
  private readonly requestsByKey: RateLimiterMemory;
  private readonly nationalIdChecks = new RateLimiterMemory({ points: 100, duration: 60 * 60 });

  constructor(apiKeyRequestsPerMinute: number) {
    this.requestsByKey = new RateLimiterMemory({ points: apiKeyRequestsPerMinute, duration: 60 });
  }

  async beforeLogin(email: string, address: string): Promise<void> {
    for (const [limiter, key] of [
      [this.failuresByAccount, email],
      [this.failuresByAddress, address],
    ] as const) {
      const state = await limiter.get(key);
      if (state && state.remainingPoints <= 0) {
        throw rateLimited('Too many failed logins: wait before trying again.', retryAfter(state));
      }
    }
  }

  async loginFailed(email: string, address: string): Promise<void> {
    await Promise.all([this.failuresByAccount.penalty(email, 1), this.failuresByAddress.penalty(address, 1)]);
  }

  async loginSucceeded(email: string): Promise<void> {
    await this.failuresByAccount.delete(email);
  }

  /**
   * Setting a member's national id checks it against every member in the country (it is unique): a
   * viewer may do so 100 times an hour, so that the refusal cannot be used to test numbers one by one.
   */
  async nationalIdCheck(actor: string): Promise<void> {
    try {
      await this.nationalIdChecks.consume(actor);
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        throw rateLimited(
          'Too many national id numbers entered: wait before entering more.',
          retryAfter(error),
        );
      }
      throw error;
    }
  }

  async apiKeyRequest(keyId: number): Promise<void> {
    try {
      await this.requestsByKey.consume(String(keyId));
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        throw rateLimited('This API key has made too many requests: slow down.', retryAfter(error));
      }
      throw error;
    }
  }
}
