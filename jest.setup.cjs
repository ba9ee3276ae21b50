// Decorator metadata needs the Reflect metadata API before any decorated class loads.
require('reflect-metadata');
