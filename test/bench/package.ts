// Packaging: builds the VSIX with the project's own `npm run package` in a staging copy of the working tree (so the
// real dist/ that other tools use is never overwritten), reads the VSIX and unpacks it for the activation bench.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  compressedSize: number;
  size: number;
  method: number;
  localHeaderOffset: number;
}

/** Entries of a zip file, from its central directory (no zip64: a VSIX is far below 4 GB). */
export function zipEntries(zip: Buffer): ZipEntry[] {
  // End of central directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory record)');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localHeaderOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export function zipEntryData(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (zip.readUInt32LE(at) !== 0x04034b50) throw new Error(`bad local header for ${entry.name}`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const raw = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(raw);
  if (entry.method === 8) return inflateRawSync(raw);
  throw new Error(`unsupported compression method ${entry.method} for ${entry.name}`);
}

/** Unpacks the files under `prefix` (e.g. `extension/`) into `dir`, which is emptied first. */
export function unzip(zip: Buffer, dir: string, prefix = ''): void {
  rmSync(dir, { recursive: true, force: true });
  for (const entry of zipEntries(zip)) {
    if (!entry.name.startsWith(prefix) || entry.name.endsWith('/')) continue;
    const file = join(dir, entry.name.slice(prefix.length));
    if (!file.startsWith(dir)) throw new Error(`zip entry escapes the target folder: ${entry.name}`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, zipEntryData(zip, entry));
  }
}

export interface PackageResult {
  vsix: string;
  bytes: number;
  /** Files in the VSIX, VS Code's manifest files ([Content_Types].xml, extension.vsixmanifest) included. */
  files: number;
  /** Files under extension/ (what gets installed). */
  extensionFiles: { name: string; size: number; compressedSize: number }[];
  /** Size of the production bundle dist/extension.js. */
  bundleBytes: number;
  /** The unpacked extension folder (a copy of what users install). */
  unpacked: string;
  seconds: number;
}

/** Copies the working tree's files (tracked and untracked-but-not-ignored, as git lists them) into `stage`. */
function stageWorkingTree(root: string, stage: string): void {
  rmSync(stage, { recursive: true, force: true });
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  for (const file of listed.split('\0')) {
    if (!file) continue;
    let isFile = false;
    try {
      isFile = statSync(join(root, file)).isFile();
    } catch {
      continue; // deleted in the working tree
    }
    if (!isFile) continue;
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    copyFileSync(join(root, file), join(stage, file));
  }
  symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'dir');
}

export interface StagedPackage {
  /** The staging copy of the working tree; after the build step of `npm run package`, a runnable extension folder. */
  stage: string;
  result?: PackageResult;
  /** Why there is no VSIX. */
  error?: string;
}

/** Runs `npm run package` in a staging copy of the working tree; never throws for a failed build. */
export function stagePackage(root: string, outDir: string, log: (m: string) => void): StagedPackage {
  const stage = join(outDir, 'stage');
  try {
    return { stage, result: buildPackage(root, stage, outDir, log) };
  } catch (err) {
    return { stage, error: (err as Error).message };
  }
}

/** Builds and packages the extension exactly as `npm run package` does, in a staging copy; reads the result. */
function buildPackage(root: string, stage: string, outDir: string, log: (m: string) => void): PackageResult {
  const started = Date.now();
  stageWorkingTree(root, stage);
  const manifest = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const script = manifest.scripts?.package;
  if (!script) throw new Error('package.json has no "package" script');
  const out = /--out\s+(\S+)/.exec(script)?.[1];
  if (!out) throw new Error(`cannot tell where "npm run package" writes the VSIX: ${script}`);
  log(`package: npm run package (in ${stage})`);
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  if (r.status !== 0) throw new Error(`npm run package failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  const vsix = join(stage, out);
  const zip = readFileSync(vsix);
  const entries = zipEntries(zip).filter((e) => !e.name.endsWith('/'));
  const extensionFiles = entries
    .filter((e) => e.name.startsWith('extension/'))
    .map((e) => ({ name: e.name.slice('extension/'.length), size: e.size, compressedSize: e.compressedSize }));
  const bundle = extensionFiles.find((e) => e.name === 'dist/extension.js');
  if (!bundle) throw new Error('the VSIX has no dist/extension.js');
  const unpacked = join(outDir, 'vsix');
  unzip(zip, unpacked, 'extension/');
  return {
    vsix,
    bytes: zip.length,
    files: entries.length,
    extensionFiles,
    bundleBytes: bundle.size,
    unpacked,
    seconds: (Date.now() - started) / 1000,
  };
}
