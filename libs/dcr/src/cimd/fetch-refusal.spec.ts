import { describe, expect, it } from '@jest/globals';
import { OutboundFetchError, type OutboundFetchFailure } from '../outbound/outbound-fetch-error.js';
import { OutboundFetcherOptionsError } from '../outbound/outbound-fetcher-options.js';
import { fetchRefusal, statusRefusal } from './fetch-refusal.js';

describe('fetchRefusal (draft section 5.1)', () => {
  it.each<OutboundFetchFailure>([
    'invalid_url',
    'not_https',
    'forbidden_address',
    'network',
    'timeout',
    'redirect',
    'http_status',
    'too_large',
    'not_json',
  ])('turns the fetcher reason %s into invalid_client, with its message', (reason) => {
    const message = `client.example: ${reason} happened`;
    const error = fetchRefusal(new OutboundFetchError(reason, message));
    expect([error.error, error.rule, error.status]).toEqual(['invalid_client', 'fetch', 400]);
    expect(error.description).toMatch(/^the client's metadata document could not be fetched/);
    expect(error.description).toContain(message);
  });

  it('rethrows anything that is not a fetch failure', () => {
    const programmingError = new OutboundFetcherOptionsError('maxBytes', 'is wrong');
    expect(() => fetchRefusal(programmingError)).toThrow(programmingError);
  });
});

describe('statusRefusal (draft section 5)', () => {
  it('names the status a document must be served with', () => {
    const error = statusRefusal(204);
    expect([error.error, error.rule]).toEqual(['invalid_client', 'status']);
    expect(error.description).toMatch(/answered with 204, not 200/);
  });
});
