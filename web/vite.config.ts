import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/*
 * The command-room web app: built into dist/web, which the Shanzhi server serves at `/` (src/server/web.ts).
 * React and ECharts each get a chunk of their own so a change in one does not bust the other's cache; Ant Design is
 * left to the bundler, so the components only a page uses (tables, date pickers, uploads…) load with that page and
 * the first load carries just the shell's (one antd chunk took the initial JS from 300 to 450 KB gzip). Pages are lazy
 * routes, so ECharts loads only with the pages that draw charts.
 */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Highest first: a group takes its modules' dependencies along, so React must be claimed before the
            // ECharts wrapper (which imports it) drags it into the chart chunk.
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 30 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    // `npx vite --config web/vite.config.ts` during development; the API is the Shanzhi server's.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
