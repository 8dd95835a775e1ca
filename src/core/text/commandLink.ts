// Command links in MarkdownStrings (hovers, tooltips) and document links: `command:<id>?<JSON-encoded arguments>`.
// Every adapter builds them here so the encoding is the same everywhere. A MarkdownString that shows one must list
// exactly the commands it links to in `isTrusted.enabledCommands`.

/**
 * `command:` URI that runs `command` with `args` (each element is one argument of the command). Beyond
 * encodeURIComponent, `(`, `)`, `'`, `!` and `*` are percent-encoded too, so a `)` in an argument cannot end a
 * Markdown link target early.
 */
export function commandUri(command: string, args: readonly unknown[] = []): string {
  const query = encodeURIComponent(JSON.stringify(args)).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `command:${command}?${query}`;
}

/** Markdown link to a command; `label` must already be Markdown (escape data-derived text first). */
export function commandLink(label: string, command: string, args: readonly unknown[] = [], tooltip?: string): string {
  const title = tooltip ? ` "${tooltip.replace(/["\\]/g, (c) => `\\${c}`)}"` : '';
  return `[${label}](${commandUri(command, args)}${title})`;
}

/** Web address safe to put in a Markdown link target as is (http/https, no spaces, brackets or quotes). */
export function safeWebUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\/[^\s<>()[\]"'`\\]+$/i.test(url) ? url : undefined;
}

/** Markdown for a hover or tooltip with the commands it links to: VS Code enables exactly those (`isTrusted`). */
export interface TrustedMarkdown {
  readonly value: string;
  readonly commands: readonly string[];
}

/** Collects the commands a piece of Markdown links to while it is being written. */
export class CommandLinks {
  private readonly used = new Set<string>();

  link(label: string, command: string, args: readonly unknown[] = [], tooltip?: string): string {
    this.used.add(command);
    return commandLink(label, command, args, tooltip);
  }

  markdown(value: string): TrustedMarkdown {
    return { value, commands: [...this.used] };
  }
}
