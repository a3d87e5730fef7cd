/** ruby reader (in progress). */
import { emptyResult, type CodeResult } from './common.js';

export function readRuby(file: string, text: string): CodeResult {
  void file;
  void text;
  return emptyResult();
}
