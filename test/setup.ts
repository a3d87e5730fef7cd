/**
 * Tests call the synchronous readers directly; run() loads the heavy parsers before extracting
 * (src/extract/code/parsers.ts), so the tests load them once per worker here.
 */
import { loadParsers } from '../src/extract/code/parsers.js';

await loadParsers(['javascript', 'php']);
