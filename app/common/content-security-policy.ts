/**
 * The Content-Security-Policies of the pages RPA Supervisor ships (S47, S48), each built here and
 * nowhere else: scripts and styles only from the app's own files, so an injected `<script>` or
 * `onerror=` in a bot name or log line cannot run; no plugins, base tags, form posts or framing.
 */

/** Where the renderer's policy is delivered, with what each delivery needs. */
export type RendererPolicyTarget =
  /**
   * The Electron shell's response header. `devServerOrigin` relaxes it for the Vite dev server
   * only: its HMR client injects inline styles and a React Refresh preamble and talks over a
   * WebSocket.
   */
  | { kind: 'electron'; devServerOrigin?: string }
  /** The browser host's response header: the page talks to its own WebSocket on `port`. */
  | { kind: 'browserHost'; port: number }
  /**
   * The meta tag in the built out/renderer/index.html: a file:// page gets no headers, so in the
   * packaged app this is the only policy that applies. Both hosts load the same file, hence the
   * browser host's socket on any port. A meta policy cannot carry frame-ancestors (browsers
   * ignore it there), so framing is refused by the headers.
   */
  | { kind: 'builtPage' };

type Directive = readonly [name: string, ...sources: string[]];

/** `data:` images and fonts are allowed because Vite inlines small assets referenced from CSS. */
export function rendererContentSecurityPolicy(target: RendererPolicyTarget): string {
  const inline = target.kind === 'electron' && target.devServerOrigin !== undefined ? ["'unsafe-inline'"] : [];
  return serialise([
    ['default-src', "'self'"],
    ['script-src', "'self'", ...inline],
    ['style-src', "'self'", ...inline],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...socketSources(target)],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ...(target.kind === 'builtPage' ? [] : [['frame-ancestors', "'none'"] as const]),
  ]);
}

/**
 * The https bounce page (build/bounce/), which the organisation hosts: it loads nothing but its
 * own script and style. `meta` is the tag in build/bounce/index.html; `header` is what
 * docs/providers.md asks the web server to send, with framing refused as well.
 */
export function bouncePageContentSecurityPolicy(delivery: 'header' | 'meta'): string {
  return serialise([
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ...(delivery === 'header' ? [['frame-ancestors', "'none'"] as const] : []),
  ]);
}

/** The WebSockets the page may open: the browser host's, or the dev server's HMR socket. */
function socketSources(target: RendererPolicyTarget): string[] {
  switch (target.kind) {
    case 'electron':
      return target.devServerOrigin === undefined ? [] : [target.devServerOrigin.replace(/^http/, 'ws')];
    case 'browserHost':
      return [`ws://127.0.0.1:${target.port}`];
    case 'builtPage':
      return ['ws://127.0.0.1:*'];
  }
}

function serialise(directives: readonly Directive[]): string {
  return directives.map((directive) => directive.join(' ')).join('; ');
}
