// The console's build: a static SPA in web/dist that the local gateway serves
// at `/` and the Web stack deploys behind CloudFront. The Cognito sign-in
// (oidc-client-ts) is a lazily loaded chunk, so local use never downloads it.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
});
