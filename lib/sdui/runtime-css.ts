import type { Theme } from "./schema-blueprint";

const RADIUS: Record<Theme["radius"], string> = { none: "0", sm: "4px", md: "8px", lg: "14px" };
const FONT: Record<Theme["font"], string> = {
  system: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  serif: 'Georgia, Cambria, "Times New Roman", serif',
  mono: 'ui-monospace, "SF Mono", Menlo, Consolas, monospace',
};

/**
 * The runtime's default look, served as a stylesheet of its own beside the page (not inside its JavaScript);
 * every rule is scoped to myco- classes so an app's MFEs are unaffected. The rules of primitives loaded on
 * first use (components/sdui/lazy-primitives.tsx) come with their modules (addStyles).
 */
export const RUNTIME_CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:var(--myco-font);color:var(--myco-text);background:var(--myco-bg);line-height:1.5;-webkit-font-smoothing:antialiased}
.myco-app{min-height:100vh}
.myco-page{max-width:1040px;margin:0 auto;padding:32px 20px 64px}
.myco-stack{display:flex;flex-direction:column;min-width:0}
.myco-stack-row{flex-direction:row;flex-wrap:wrap;align-items:center}
.myco-gap-none{gap:0}.myco-gap-sm{gap:8px}.myco-gap-md{gap:16px}.myco-gap-lg{gap:28px}
.myco-grid{display:grid;grid-template-columns:repeat(var(--myco-columns,2),minmax(0,1fr))}
@media (max-width:640px){.myco-grid{grid-template-columns:minmax(0,1fr)}.myco-stack-row{flex-direction:column;align-items:stretch}}
.myco-card{background:var(--myco-surface);border:1px solid var(--myco-border);border-radius:var(--myco-radius);padding:20px;box-shadow:0 1px 2px rgb(0 0 0/.04);min-width:0}
.myco-card-title{margin:0 0 12px;font-size:1.05rem;font-weight:600}
.myco-card-body{display:flex;flex-direction:column;gap:12px}
.myco-heading{margin:0;line-height:1.25;font-weight:650;letter-spacing:-.01em}
.myco-heading-1{font-size:2rem}.myco-heading-2{font-size:1.5rem}.myco-heading-3{font-size:1.2rem}.myco-heading-4{font-size:1rem}
.myco-text{margin:0;white-space:pre-line}
.myco-muted,.myco-empty,.myco-loading{color:var(--myco-muted)}
.myco-empty,.myco-loading{margin:0;padding:16px 0}
.myco-image{display:block;max-width:100%;height:auto;border-radius:var(--myco-radius)}
.myco-link{color:var(--myco-primary);text-decoration:underline;text-underline-offset:2px}
.myco-link:hover{text-decoration-thickness:2px}
.myco-action{display:flex;flex-direction:column;align-items:flex-start;gap:8px}
.myco-button{font:inherit;font-weight:550;border:1px solid transparent;border-radius:var(--myco-radius);padding:8px 16px;cursor:pointer;line-height:1.25;transition:filter .15s,background .15s}
.myco-button:disabled{opacity:.55;cursor:progress}
.myco-button:focus-visible,.myco-tab:focus-visible,.myco-field :is(input,select,textarea):focus-visible,.myco-link:focus-visible{outline:2px solid var(--myco-primary);outline-offset:2px}
.myco-button-primary{background:var(--myco-primary);color:var(--myco-on-primary)}
.myco-button-primary:hover:not(:disabled){filter:brightness(1.08)}
.myco-button-secondary{background:var(--myco-surface);color:var(--myco-text);border-color:var(--myco-border)}
.myco-button-secondary:hover:not(:disabled){background:var(--myco-subtle)}
.myco-button-danger{background:#dc2626;color:#fff}
.myco-button-ghost{background:transparent;color:var(--myco-text)}
.myco-button-ghost:hover:not(:disabled){background:var(--myco-subtle)}
.myco-button-small{padding:4px 10px;font-size:.875rem}
.myco-modal{text-align:left;white-space:normal;border:0;border-radius:calc(var(--myco-radius) + 4px);padding:0;width:min(560px,calc(100vw - 32px));box-shadow:0 20px 50px rgb(0 0 0/.25);color:inherit;background:var(--myco-surface)}
.myco-modal::backdrop{background:rgb(15 23 42/.45)}
.myco-modal-header{display:flex;justify-content:space-between;align-items:center;padding:16px 20px;border-bottom:1px solid var(--myco-border)}
.myco-modal-header h2{margin:0;font-size:1.15rem}
.myco-modal-body{padding:20px;display:flex;flex-direction:column;gap:16px}
.myco-confirm p{margin:0;overflow-wrap:anywhere}
.myco-confirm-actions{display:flex;justify-content:flex-end;gap:8px}
.myco-alert,.myco-message{padding:12px 16px;border-radius:var(--myco-radius);border:1px solid;border-left-width:4px}
.myco-tone-info{background:#eff6ff;border-color:#bfdbfe;border-left-color:#3b82f6;color:#1e3a8a}
.myco-tone-success{background:#f0fdf4;border-color:#bbf7d0;border-left-color:#22c55e;color:#14532d}
.myco-tone-warning{background:#fffbeb;border-color:#fde68a;border-left-color:#f59e0b;color:#78350f}
.myco-tone-error{background:#fef2f2;border-color:#fecaca;border-left-color:#ef4444;color:#7f1d1d}
.myco-component{min-width:0}
.myco-error{padding:10px 14px;border:1px solid #fecaca;border-left:4px solid #ef4444;border-radius:var(--myco-radius);background:#fef2f2;color:#7f1d1d;font-size:.925rem;overflow-wrap:anywhere}
.myco-error-list{padding-left:20px}.myco-error-list code{background:var(--myco-subtle);padding:1px 5px;border-radius:4px}
.myco-messages{position:fixed;top:16px;right:16px;z-index:10;display:flex;flex-direction:column;gap:8px;max-width:min(420px,calc(100vw - 32px))}
.myco-message{display:flex;align-items:center;justify-content:space-between;gap:12px;box-shadow:0 8px 24px rgb(0 0 0/.12)}
.myco-visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;

// Text on the primary color: white unless the color is light (relative luminance, WCAG 2).
function onPrimary(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.4 ? "#0f172a" : "#fff";
}

/** The theme as CSS variables; the primary color is a validated #rrggbb, so it cannot break out of the rule. */
export function themeCss(theme: Pick<Theme, "primaryColor" | "radius" | "font">): string {
  return `:root{--myco-primary:${theme.primaryColor};--myco-on-primary:${onPrimary(theme.primaryColor)};--myco-radius:${RADIUS[theme.radius]};--myco-font:${FONT[theme.font]};--myco-text:#0f172a;--myco-muted:#64748b;--myco-bg:#f8fafc;--myco-surface:#fff;--myco-subtle:#f1f5f9;--myco-border:#e2e8f0}`;
}
