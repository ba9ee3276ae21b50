import { describe, expect, it } from '@jest/globals';
import type { DcrModuleOptions } from './dcr-module-options.js';
import { resolveDcrOptions } from './resolved-dcr-options.js';
import { expectOptionsError, ISSUER } from './resolved-dcr-options.spec-helpers.js';

const resolve = (options: Partial<DcrModuleOptions>) =>
  resolveDcrOptions({ issuer: ISSUER, ...options }).policy;

describe('resolveDcrOptions: metadata policy options (issue 9)', () => {
  describe('narrowUnsupported', () => {
    it('narrows every field by default', () => {
      expect(resolve({}).narrow).toEqual({ grantTypes: true, responseTypes: true, scopes: true });
    });

    it('turns off the fields set to false and keeps the others on', () => {
      expect(resolve({ narrowUnsupported: { scopes: false } }).narrow).toEqual({
        grantTypes: true,
        responseTypes: true,
        scopes: false,
      });
      expect(
        resolve({ narrowUnsupported: { grantTypes: false, responseTypes: false, scopes: true } })
          .narrow,
      ).toEqual({ grantTypes: false, responseTypes: false, scopes: true });
    });

    it('refuses a value that is not a boolean, naming the field', () => {
      expectOptionsError(
        () => resolve({ narrowUnsupported: { grantTypes: 'no' as unknown as boolean } }),
        'narrowUnsupported.grantTypes',
        /must be true or false$/,
      );
    });
  });

  describe('redirectUriPolicy', () => {
    it('is compatible by default', () => {
      expect(resolve({}).redirectUriPolicy).toBe('compatible');
    });

    it.each(['compatible', 'strict'] as const)('accepts %s', (policy) => {
      expect(resolve({ redirectUriPolicy: policy }).redirectUriPolicy).toBe(policy);
    });

    it('refuses anything else', () => {
      expectOptionsError(
        () => resolve({ redirectUriPolicy: 'lax' as 'strict' }),
        'redirectUriPolicy',
        /must be one of "compatible", "strict"$/,
      );
    });
  });

  describe('uriHostMismatch', () => {
    it('flags by default', () => {
      expect(resolve({}).uriHostMismatch).toBe('flag');
    });

    it.each(['flag', 'refuse', 'ignore'] as const)('accepts %s', (policy) => {
      expect(resolve({ uriHostMismatch: policy }).uriHostMismatch).toBe(policy);
    });

    it('refuses anything else', () => {
      expectOptionsError(
        () => resolve({ uriHostMismatch: 'warn' as 'flag' }),
        'uriHostMismatch',
        /must be one of "flag", "refuse", "ignore"$/,
      );
    });
  });
});
