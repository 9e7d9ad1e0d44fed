import path from "node:path";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { firaSansSubsets } from "./build/fonts";
import { precompress } from "./build/precompress";

const root = path.join(import.meta.dirname, "..");

export default defineConfig({
  root: path.join(import.meta.dirname),
  plugins: [
    react(),
    firaSansSubsets({
      sourceDir: path.join(root, "node_modules", "@kern-ux", "native", "dist", "fonts", "fira-sans"),
      outDir: path.join(import.meta.dirname, ".fonts"),
    }),
    precompress(),
  ],
  build: {
    outDir: path.join(root, "dist", "web"),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The libraries every page needs, in one long-cached file; d3-geo stays with the maps.
            { name: "vendor", test: /node_modules[\\/](?!d3-)/ },
          ],
        },
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
