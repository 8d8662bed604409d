// The dashboard's build: `vite build --config web/vite.config.ts` writes web/dist, which `cvm serve`
// serves at / (everything under /api is the server's). In `vite dev` the /api calls go to a running
// `cvm serve` (CVM_API, default http://127.0.0.1:8080) so the cookie stays same-origin.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import mantinePreset from 'postcss-preset-mantine';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  css: { postcss: { plugins: [mantinePreset()] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts is ~670 kB minified even with only the used charts registered; it is loaded on the first
    // chart (components/echart.tsx), in a chunk of its own that the rest of the page does not wait for.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        manualChunks(id: string): string | undefined {
          if (id.includes('node_modules/@mantine')) return 'mantine';
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler')) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': process.env.CVM_API ?? 'http://127.0.0.1:8080' },
  },
  preview: { host: '127.0.0.1' },
});
