/**
 * The README's fenced blocks, each with the heading it is under, for test:packed to run its examples as printed.
 * Every ```sh block is an example: the test takes each one (or skips it, saying why), and `untaken()` names those
 * it did neither with, so that an example added to the README is never left unrun.
 */

import { PackedFailure } from './checks';

/** One fenced block: its language, the heading above it, and its text (list indentation removed). */
export interface ReadmeBlock {
  readonly lang: string;
  readonly heading: string;
  readonly text: string;
}

/** One command of an ```sh block: the line as a shell reads it (continuations joined), and its trailing comment. */
export interface ReadmeCommand {
  readonly line: string;
  readonly comment?: string;
}

/** A line of an ```sh block that is an instruction to the reader, not a command (`# change the app`). */
export interface ReadmeStep {
  readonly instruction: string;
}

/** The fenced blocks of a README, in order. */
export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const blocks: ReadmeBlock[] = [];
  let heading = '';
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const title = /^#{1,4} (.*)$/.exec(lines[i]);
    if (title) heading = title[1];
    const fence = /^( *)```(\w*)$/.exec(lines[i]);
    if (!fence) continue;
    const [, indent, lang] = fence;
    const end = lines.findIndex((line, j) => j > i && line === `${indent}\`\`\``);
    if (end < 0) throw new Error(`README: the block opened at line ${i + 1} is never closed`);
    blocks.push({ lang, heading, text: lines.slice(i + 1, end).map((line) => line.slice(indent.length)).join('\n') });
    i = end;
  }
  return blocks;
}

/**
 * An ```sh block's commands and instructions, in order: a line ending in `\` goes on with the next, a line that is
 * a comment alone is an instruction, and a trailing `# ...` is kept as the command's comment (bash ignores it).
 */
export function commandsOf(block: ReadmeBlock): Array<ReadmeCommand | ReadmeStep> {
  const joined = block.text.split(/(?<!\\)\n/).filter((line) => line.trim() !== '');
  return joined.map((line) => {
    const instruction = /^#\s*(.*)$/.exec(line.trim());
    if (instruction) return { instruction: instruction[1] };
    const comment = /\s+#\s+(.*)$/.exec(line);
    return comment ? { line, comment: comment[1] } : { line };
  });
}

export const isStep = (item: ReadmeCommand | ReadmeStep): item is ReadmeStep => 'instruction' in item;

/** The commands of an ```sh block, which must be `count` commands and no instructions. */
export function commands(block: ReadmeBlock, count: number): ReadmeCommand[] {
  const items = commandsOf(block);
  if (items.length !== count || items.some(isStep)) throw new PackedFailure(`README: expected ${count} commands under "${block.heading}":\n${block.text}`);
  return items as ReadmeCommand[];
}

/** The README's ```sh blocks, handed out by heading; what is left untaken and unskipped is a README example no test runs. */
export class ReadmeExamples {
  private readonly sh: ReadmeBlock[];
  private readonly handled = new Map<ReadmeBlock, string>();

  /** `text` is the README, `blocks` its fenced blocks (`readmeBlocks`). */
  constructor(readonly text: string, readonly blocks: readonly ReadmeBlock[] = readmeBlocks(text)) {
    this.sh = blocks.filter((block) => block.lang === 'sh');
  }

  /** The ```sh blocks under the heading that starts with `heading`; each is counted as run. */
  take(heading: string, count: number): ReadmeBlock[] {
    const found = this.sh.filter((block) => block.heading.startsWith(heading));
    if (found.length !== count) throw new Error(`README: expected ${count} sh block(s) under "${heading}", found ${found.length}`);
    found.forEach((block) => this.handled.set(block, 'run as printed'));
    return found;
  }

  /** Counts the ```sh blocks under `heading` as not run, for `reason`. */
  skip(heading: string, reason: string): void {
    this.take(heading, 1).forEach((block) => this.handled.set(block, `skipped: ${reason}`));
  }

  /** Each ```sh block's heading with what was done with it. */
  report(): string[] {
    return this.sh.map((block) => `${block.heading}: ${this.handled.get(block) ?? 'NOT RUN'}`);
  }

  /** The ```sh blocks neither taken nor skipped, and those that hold a usage summary (`[--option]`), which belongs in ```text. */
  problems(): string[] {
    return [
      ...this.sh.filter((block) => !this.handled.has(block)).map((block) => `an sh block under "${block.heading}" is not run by test:packed`),
      ...this.sh.filter((block) => /\s\[--/.test(block.text)).map((block) => `the sh block under "${block.heading}" is a usage summary: make it a text block`),
    ];
  }

  /** The one block of `lang` under `heading` whose text holds `marker`. */
  find(lang: string, heading: string, marker: string): ReadmeBlock {
    const found = this.blocks.filter((block) => block.lang === lang && block.heading.startsWith(heading) && block.text.includes(marker));
    if (found.length !== 1) throw new Error(`README: expected one ${lang || 'plain'} block under "${heading}" holding "${marker}", found ${found.length}`);
    return found[0];
  }
}
