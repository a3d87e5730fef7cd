/** Which files exist: git's view of the tree when there is one, a `.gitignore`-aware walk otherwise. */
import { listWithGit } from './git.js';
import { listByWalking } from './walk.js';
import type { Diagnostic, Listing } from './types.js';

export async function listFiles(root: string): Promise<Listing> {
  const viaGit = await listWithGit(root);
  if (viaGit.ok && viaGit.entries.length > 0)
    return { mode: 'git', entries: viaGit.entries, diagnostics: [] };

  const walked = await listByWalking(root);
  const diagnostics: Diagnostic[] = [];
  if (!viaGit.ok && viaGit.reason) {
    diagnostics.push({
      level: 'info',
      message: `git could not list the files (${viaGit.reason}); walked the directory and honoured .gitignore files instead`,
    });
  } else if (viaGit.ok && walked.entries.length > 0) {
    // The root is inside a work tree but git ignores all of it (a build or vendored directory that
    // was asked for explicitly): scan it anyway, by its own .gitignore files.
    diagnostics.push({
      level: 'info',
      message:
        'git lists no files in this directory (it is ignored); walked it and honoured its own .gitignore files instead',
    });
  }
  return {
    mode: 'walk',
    entries: walked.entries,
    diagnostics: [...diagnostics, ...walked.diagnostics],
  };
}
