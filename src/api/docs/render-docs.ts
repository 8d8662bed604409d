// GET /api/docs: the API reference as one self-contained HTML page rendered from the OpenAPI document
// (no CDN scripts, so it works offline): each operation with its summary, roles, parameters and statuses.
interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, { description?: string }>;
}
export interface OpenApiLike {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function renderDocs(doc: OpenApiLike): string {
  const rows: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []).map((p) => `<code>${esc(p.name)}</code> <small>(${esc(p.in)}${p.required ? ', required' : ''})</small>${p.description ? ` ${esc(p.description)}` : ''}`).join('<br>');
      const bodyTypes = Object.keys(op.requestBody?.content ?? {}).map(esc).join(', ');
      const statuses = Object.entries(op.responses ?? {}).map(([s, r]) => `<b>${esc(s)}</b> ${esc(r.description ?? '')}`).join('<br>');
      rows.push(`<tr><td><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span></td><td><code>${esc(path)}</code><div>${esc(op.summary ?? '')}</div></td>
<td>${params}${bodyTypes ? `<div>body: ${bodyTypes}</div>` : ''}</td><td>${statuses}</td></tr>`);
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)} — API</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;vertical-align:top;text-align:left}
.m{font:bold 12px monospace;padding:2px 6px;border-radius:3px;background:#eee}.get{background:#dff0d8}.post{background:#d9edf7}.put,.patch{background:#fcf8e3}.delete{background:#f2dede}code{font-size:13px}</style></head>
<body><h1>${esc(doc.info.title)} ${esc(doc.info.version)}</h1><p>${esc(doc.info.description ?? '')}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>. 中文说明见 docs/api.md。</p>
<table><thead><tr><th></th><th>route</th><th>input</th><th>responses</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></body></html>`;
}
