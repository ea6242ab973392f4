import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { precompress } from './precompress.ts';

const root = import.meta.dirname;
// The platform server during `npm run web:dev`; override with SEN_API_URL.
const target = process.env.SEN_API_URL ?? 'http://localhost:8080';
const proxy = Object.fromEntries(['/api', '/oidc', '/health'].map((prefix) => [prefix, { target, changeOrigin: false }]));

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: { outDir: path.join(root, 'dist'), emptyOutDir: true, sourcemap: true },
  server: { port: 5173, proxy },
  preview: { port: 5174, proxy },
});
