// Serves the built renderer (index.html and its assets) from one folder, and
// nothing else: no directory listing, no dotfiles, no path that leaves the folder
// however it is spelled (../, %2e%2e, %2f, backslashes, symlinks).
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a request path names inside `root` (already a real path), or null when it names none. */
export async function resolveStaticFile(root: string, rawUrl: string): Promise<string | null> {
  // The raw path, not a URL-normalised one: normalising would quietly turn
  // "/a/../../x" into "/x" and hide that the request tried to climb out.
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '';
  if (!rawPath.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  // "..", "." and dotfiles alike: the build has none, so none is served.
  if (segments.some((s) => s.startsWith('.'))) return null;
  const candidate = resolve(root, segments.length === 0 ? 'index.html' : segments.join('/'));
  if (!candidate.startsWith(root + sep)) return null;
  try {
    // A symlink inside the folder must not lead out of it either.
    const real = await realpath(candidate);
    if (!real.startsWith(root + sep)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const file = await resolveStaticFile(root, req.url ?? '/');
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const body = await readFile(file);
  res.writeHead(200, { 'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'Content-Length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}
