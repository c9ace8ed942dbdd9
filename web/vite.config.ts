import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is served by kensa at '/'. In development, `vite` proxies the API to a running
// kensa (KENSA_DEV_API, default http://127.0.0.1:18080).
const api = process.env.KENSA_DEV_API ?? 'http://127.0.0.1:18080';

export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: api, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 600,
  },
});
