import type { NextFunction, Request, Response } from 'express';
import { RadslagError } from '../../shared/errors/catalog';

export interface RateLimitOptions {
  /** Requests a user may make at once (the bucket size). */
  capacity: number;
  /** Sustained requests per second per user. */
  refillPerSecond: number;
  /** Injected time source (ms), for tests. */
  now?: () => number;
  /** Most users tracked at once; full buckets are forgotten first when more arrive. */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key. PER REPLICA: every server process keeps its own buckets in memory, so with N
 * replicas behind a load balancer a user can make up to N × the limit. That is deliberate: the limit
 * protects each process (and the store behind it) from one runaway tab or script, it is not a quota; a
 * shared counter would put a store write on every API request. The README says so.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(private readonly opts: RateLimitOptions) {
    this.now = opts.now ?? Date.now;
    this.maxKeys = opts.maxKeys ?? 50_000;
  }

  /** Takes one token; returns 0 when allowed, else the milliseconds until the next token. */
  take(key: string): { allowed: boolean; remaining: number; retryAfterMs: number } {
    const now = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.evict(now);
      b = { tokens: this.opts.capacity, at: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.opts.capacity, b.tokens + ((now - b.at) / 1000) * this.opts.refillPerSecond);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true, remaining: Math.floor(b.tokens), retryAfterMs: 0 };
    }
    return { allowed: false, remaining: 0, retryAfterMs: Math.ceil(((1 - b.tokens) / this.opts.refillPerSecond) * 1000) };
  }

  get size(): number {
    return this.buckets.size;
  }

  private evict(now: number): void {
    for (const [key, b] of this.buckets) {
      const tokens = b.tokens + ((now - b.at) / 1000) * this.opts.refillPerSecond;
      if (tokens >= this.opts.capacity) this.buckets.delete(key);
    }
    // Still full (a flood of distinct keys): drop the oldest half rather than grow without bound.
    if (this.buckets.size >= this.maxKeys) {
      let n = Math.floor(this.buckets.size / 2);
      for (const key of this.buckets.keys()) {
        if (n-- <= 0) break;
        this.buckets.delete(key);
      }
    }
  }
}

/** Who a request counts against: the verified identity (Entra object id, else e-mail), else the peer address. */
export function rateLimitKey(req: Request): string {
  const id = req.identity;
  if (id?.aadObjectId) return `oid:${id.tenantId}:${id.aadObjectId}`;
  if (id?.email) return `email:${id.tenantId}:${id.email.toLowerCase()}`;
  return `ip:${req.socket.remoteAddress ?? 'unknown'}`;
}

/**
 * Per-user rate limit on /api/v1 (mounted after authentication). Over the limit: 429 RATE_LIMITED with
 * Retry-After (seconds); every answer carries RateLimit-Limit and RateLimit-Remaining.
 */
export function createRateLimit(opts: RateLimitOptions) {
  const buckets = new TokenBuckets(opts);
  return function rateLimit(req: Request, res: Response, next: NextFunction): void {
    const result = buckets.take(rateLimitKey(req));
    res.setHeader('RateLimit-Limit', String(opts.capacity));
    res.setHeader('RateLimit-Remaining', String(result.remaining));
    if (result.allowed) return next();
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(result.retryAfterMs / 1000))));
    req.log.warn({ key: rateLimitKey(req).replace(/:[^:]*$/, ':…') }, 'api: rate limit reached');
    next(new RadslagError('RATE_LIMITED'));
  };
}
