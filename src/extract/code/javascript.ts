/** javascript reader (in progress). */
import { emptyResult, type CodeResult } from './common.js';

export function readJavaScript(file: string, text: string): CodeResult {
  void file;
  void text;
  return emptyResult();
}
