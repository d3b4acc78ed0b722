import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs on its own port; the built app is served by the API itself.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: Object.fromEntries(
      ['/graphql', '/export', '/import'].map((path) => [path, 'http://localhost:4000']),
    ),
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
