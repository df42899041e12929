/** Two cloud assemblies compared as test:packed compares `local deploy --output` with `cdk synth -o`: template by template. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The templates of a cloud assembly folder, by file name. */
function templates(dir: string): Map<string, string> {
  const files = fs.readdirSync(dir).filter((file) => file.endsWith('.template.json')).sort();
  return new Map(files.map((file) => [file, fs.readFileSync(path.join(dir, file), 'utf8')]));
}

/** What differs between the templates of two assemblies (none: the same files, byte for byte); the files compared. */
export function compareTemplates(dir: string, other: string): { files: string[]; differences: string[] } {
  const [mine, theirs] = [templates(dir), templates(other)];
  const files = [...new Set([...mine.keys(), ...theirs.keys()])].sort();
  const differences = files.flatMap((file) => {
    if (!mine.has(file)) return [`${file}: only in ${other}`];
    if (!theirs.has(file)) return [`${file}: only in ${dir}`];
    const [a, b] = [mine.get(file)!, theirs.get(file)!];
    if (a === b) return [];
    const first = [...a].findIndex((char, i) => char !== b[i]);
    const at = first < 0 ? a.length : first;
    return [`${file}: differs from character ${at}: ${JSON.stringify(a.slice(at, at + 80))} vs ${JSON.stringify(b.slice(at, at + 80))}`];
  });
  return { files, differences };
}
