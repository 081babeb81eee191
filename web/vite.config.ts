import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/*
 * The command-room web app: built into dist/web, which the Shanzhi server serves at `/` (src/server/web.ts).
 * React, Ant Design and ECharts each get a chunk of their own so a change in one does not bust the others' cache;
 * pages are lazy routes, so ECharts loads only with the pages that draw charts.
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
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+)[\\/]/, priority: 20 },
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
