// Imports the ESM-only packages that CommonJS dependencies require (see jest.resolver.cjs), so that
// their `require()` gets the very module instances the test file imports.
import * as common from '@nestjs/common';
import * as core from '@nestjs/core';

globalThis[Symbol.for('jest.esm-namespace:@nestjs/common')] = common;
globalThis[Symbol.for('jest.esm-namespace:@nestjs/core')] = core;
